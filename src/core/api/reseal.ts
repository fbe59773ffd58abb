/**
 * Re-sealing a project's stored readable report versions (issue 11 part 5; src/server/domain/reseal.ts,
 * src/app/coordinator/sealing/reseal-job.ts). The coordinator's browser, holding the project key, reads
 * the readable versions page by page, seals each to the project's public key for the report, version and
 * form the server files it under, and posts the boxes; the server swaps each in and deletes the readable
 * answers in one transaction. Nothing is kept of the job itself: what is left is what is still readable,
 * so a job stopped by a reload or a lost connection starts again where it was.
 */
import * as v from 'valibot';
import { AnswersSchema, Uuid } from '../sync/protocol.ts';

/** Paging through the readable versions: `after` is the `next` of the page before ("reportId:version"). */
export const ResealQuery = v.strictObject({ after: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}:\d{1,9}$/, 'must be the next of a page'))) });

/** How far the project is: readable versions still stored, of all its versions. */
export const ResealCounts = v.object({ readable: v.number(), total: v.number() });
export type ResealCounts = v.InferOutput<typeof ResealCounts>;

/** A stored readable version, with what its box must be bound to (the report's form as the server files it). */
export const ReadableVersion = v.object({
  reportId: v.string(),
  version: v.number(),
  formId: v.string(),
  formVersion: v.number(),
  /** The stored content's hash: the server swaps the box in only while the version still holds this content. */
  contentHash: v.string(),
  answers: AnswersSchema,
  reason: v.nullable(v.string()),
});
export type ReadableVersion = v.InferOutput<typeof ReadableVersion>;

export const ResealPage = v.object({ versions: v.array(ReadableVersion), next: v.nullable(v.string()), counts: ResealCounts });
export type ResealPage = v.InferOutput<typeof ResealPage>;

/** At most this many versions a page and a post: a post of sealed reports stays far below the body limit. */
export const RESEAL_BATCH = 25;

export const SealedVersion = v.strictObject({
  reportId: Uuid,
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  formId: v.pipe(v.string(), v.maxLength(100)),
  formVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a content hash')),
  /** The box, checked by the server with parseSealedBox (a malformed one is reseal_box_malformed). */
  sealed: v.looseObject({}),
});
export const ResealInput = v.strictObject({ versions: v.pipe(v.array(SealedVersion), v.minLength(1), v.maxLength(RESEAL_BATCH)) });
export type ResealInput = v.InferOutput<typeof ResealInput>;

/**
 * Each version's outcome: `sealed` now; `already_sealed` (a retry of a post whose answer was lost); or
 * `changed` (its content, form or report moved on since it was read: the job reads it again).
 */
export const ResealOutcome = v.picklist(['sealed', 'already_sealed', 'changed']);
export type ResealOutcome = v.InferOutput<typeof ResealOutcome>;
export const ResealResult = v.object({ results: v.array(v.object({ reportId: v.string(), version: v.number(), status: ResealOutcome })), counts: ResealCounts });
export type ResealResult = v.InferOutput<typeof ResealResult>;
