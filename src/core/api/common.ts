/** Pieces many routes share: path parameters, plain acknowledgements, timestamps. */
import * as v from 'valibot';
import { Uuid } from '../sync/protocol.ts';

/** The plain "done" answer of a change that has nothing else to tell. */
export const Ok = v.object({ ok: v.literal(true) });
/** "Done", and whether this call changed anything (false: it was so already, e.g. a retried request). */
export const OkChanged = v.object({ ok: v.literal(true), changed: v.boolean() });

/** A request that carries nothing: `{}`, as the client sends every change, so no stray field is taken for meaning. */
export const NoBody = v.strictObject({});

export const IdParams = v.strictObject({ id: Uuid });
export const ProjectParams = v.strictObject({ projectId: Uuid });
export const UserParams = v.strictObject({ userId: Uuid });

/** A page of a cursor-paged list: `cursor` is the `next` of the previous page (opaque, made by the server). */
export const Paging = v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(2_000))) });
/** The cursor of the following page; null on the last one. */
export const NextPage = v.nullable(v.string());

/** An ISO timestamp as the server stores and sends it. */
export const Timestamp = v.string();
export const ProjectRole = v.picklist(['coordinator', 'observer']);
export const ReviewStatus = v.picklist(['received', 'needs_clarification', 'approved']);
