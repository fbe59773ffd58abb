/** Received reports as coordinators read them, and the review of each: status and comments. */
import * as v from 'valibot';
import { Text } from '../sync/text.ts';
import { CommentFields, Uuid } from '../sync/protocol.ts';
import { ReportRecordSchema } from './sync.ts';

/** A page of the reports list: the screen loads pages of 1,000 until it has them all, showing progress. */
export const ReportPage = v.strictObject({
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'offset must be a whole number'), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(1_000, 'at most 1,000 reports a page')), '200'),
});

export const ReportRow = v.object({
  id: v.string(),
  formId: v.string(),
  formVersion: v.number(),
  hearingDate: v.string(),
  version: v.number(),
  receivedAt: v.string(),
  updatedAt: v.string(),
  caseCode: v.string(),
  court: v.string(),
  author: v.string(),
  project: v.string(),
  /** The form's title in each of its languages ({} if the form is unknown). */
  formTitle: v.record(v.string(), v.string()),
  /** received (nobody reviewed it yet), needs_clarification or approved; a string, as the review states may grow. */
  reviewStatus: v.string(),
  /**
   * Findings of its current version, dismissed ones left out (the stored count the case filters use);
   * null when the version is sealed: the server cannot count them (the coordinator's browser does).
   */
  concernCount: v.nullable(v.number()),
});
export type ReportRow = v.InferOutput<typeof ReportRow>;
export const ReportList = v.object({ total: v.number(), offset: v.number(), reports: v.array(ReportRow) });

/** One report with what its page shows around it; `reason` is why the observer amended it (null for a first version). */
export const ReportDetail = v.object({
  report: ReportRecordSchema,
  reason: v.nullable(v.string()),
  caseCode: v.string(),
  court: v.string(),
  author: v.string(),
  form: v.unknown(),
});
export type ReportDetail = v.InferOutput<typeof ReportDetail>;

const Pin = CommentFields.entries.pin;

// A comment's id is made by the coordinator's app (UUIDv7) when the comment is written, so a send retried
// after a lost answer stores it once.
export const ReviewAction = v.strictObject({
  status: v.picklist(['received', 'needs_clarification', 'approved'], 'status is received (reopen), needs_clarification or approved'),
  comment: v.optional(v.pipe(Text, v.trim(), v.maxLength(10_000))),
  commentId: v.optional(Uuid),
  pin: Pin,
});

export const NewComment = v.strictObject({ id: Uuid, body: CommentFields.entries.body, pin: Pin });
