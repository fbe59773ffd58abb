/** The audit log, newest first, a page at a time. */
import * as v from 'valibot';
import { Uuid } from '../sync/protocol.ts';
import { Timestamp } from './common.ts';

export const AUDIT_PAGE_SIZE = 100;

export const AuditQuery = v.strictObject({
  project: v.optional(Uuid),
  /** The id of the last entry of the previous page: entries are UUIDv7, newest first. */
  before: v.optional(Uuid),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit is a whole number'), v.transform(Number), v.minValue(1), v.maxValue(500))),
});

export const AuditEntry = v.object({
  id: v.string(),
  at: Timestamp,
  actor: v.nullable(v.object({ id: v.string(), username: v.string() })),
  action: v.string(),
  project: v.nullable(v.object({ id: v.string(), name: v.string() })),
  target: v.nullable(v.string()),
  detail: v.record(v.string(), v.unknown()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
/** `next`: the id to ask for the following page with (`before`), null on the last page. */
export const AuditPage = v.object({ entries: v.array(AuditEntry), next: v.nullable(v.string()) });
