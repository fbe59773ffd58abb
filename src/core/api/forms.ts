/** Publishing checklist versions and listing those the caller may use. */
import * as v from 'valibot';
import { Uuid } from '../sync/protocol.ts';
import { Timestamp } from './common.ts';

/** `?projectId=`: the coordinator's project the version is for; absent (administrators only): every project. */
export const PublishQuery = v.strictObject({ projectId: v.optional(Uuid) });
/** The definition itself is checked by the server's form loader, which names every fault (forms/README.md). */
export const FormDefinitionBody = v.unknown();
export const Published = v.object({ status: v.picklist(['published', 'unchanged']), id: v.string(), version: v.number() });

export const PublishedForm = v.object({ id: v.string(), version: v.number(), publishedAt: Timestamp, projectId: v.nullable(v.string()) });
export type PublishedForm = v.InferOutput<typeof PublishedForm>;
export const FormList = v.object({ forms: v.array(PublishedForm) });
