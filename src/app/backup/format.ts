import * as v from 'valibot';
import { ATTACHMENT_KINDS } from '../../core/forms/types.ts';
import { Sha256Hex } from '../../core/sync/attachments.ts';
import { AnswersSchema, CaseFields, CommentFields, ReportPayload, Uuid } from '../../core/sync/protocol.ts';
import { CalendarDate } from '../../core/sync/text.ts';

/**
 * The backup file: every table of one observer's device database as JSON, versioned so a later app can
 * read an older file. Each record is validated on import; nothing is written unless the whole file is valid.
 */
export const BACKUP_FORMAT = 'trial-monitor-backup';
export const BACKUP_VERSION = 1;

const Timestamp = v.pipe(v.string(), v.isoTimestamp('must be a date and time'));
const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const CaseRecord = v.object({
  id: Uuid,
  projectId: Uuid,
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  court: Text(200),
  version: Count,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const ReportRecord = v.object({
  id: Uuid,
  projectId: Uuid,
  caseId: Uuid,
  formId: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'must be a form id')),
  formVersion: v.pipe(Count, v.minValue(1)),
  status: v.picklist(['draft', 'final']),
  answers: AnswersSchema,
  createdAt: Timestamp,
  // The hearing-date role (reports.ts hearingDateOfReport): the local day it was started and its form's item.
  startedOn: v.exactOptional(CalendarDate),
  hearingDateItem: v.exactOptional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, 'must be an item id'))),
  updatedAt: Timestamp,
  finalisedAt: v.exactOptional(Timestamp),
  serverVersion: Count,
  sync: v.picklist(['draft', 'waiting', 'sent', 'refused']),
  syncNote: v.exactOptional(Text(2_000)),
  syncRefusal: v.exactOptional(v.object({ code: Text(64), params: v.pipe(v.record(Text(64), Text(2_000)), v.readonly()) })),
  lastResult: v.exactOptional(v.picklist(['applied', 'unchanged', 'conflict', 'refused'])),
  amendReason: v.exactOptional(Text(2_000)),
  history: v.exactOptional(
    v.pipe(
      v.array(v.object({ finalisedAt: Timestamp, reason: v.exactOptional(Text(2_000)), version: v.exactOptional(v.pipe(Count, v.minValue(1))) })),
      v.maxLength(1_000),
      v.readonly(),
    ),
  ),
  notes: v.exactOptional(
    v.pipe(v.array(v.object({ id: Text(64), sectionId: Text(100), at: Timestamp, text: Text(10_000) })), v.maxLength(1_000), v.readonly()),
  ),
  // Sealed projects (s11): see src/app/db/records.ts.
  resealPending: v.exactOptional(v.literal(true)),
  sealedElsewhere: v.exactOptional(v.literal(true)),
});

/**
 * An attached file. `data` holds the bytes (base64) while the file is not yet on the server; once the
 * server verified it the device keeps only its description, and so does the backup.
 */
const AttachmentRecord = v.pipe(
  v.object({
    projectId: Uuid,
    hash: Sha256Hex,
    kind: v.picklist(ATTACHMENT_KINDS),
    mime: Text(200),
    size: v.pipe(Count, v.minValue(1)),
    name: v.exactOptional(Text(200)),
    state: v.picklist(['pending', 'complete', 'refused']),
    received: Count,
    note: v.exactOptional(Text(2_000)),
    // Added with refusals as codes: an older backup has none (only `note`), an older app ignores it.
    refusal: v.exactOptional(
      v.object({
        code: v.pipe(v.string(), v.regex(/^[a-z_]{1,64}$/, 'an error code is lower-case letters and underscores')),
        params: v.pipe(v.record(v.pipe(v.string(), v.maxLength(64)), v.union([Text(2_000), v.number()])), v.readonly()),
      }),
    ),
    createdAt: Timestamp,
    data: v.exactOptional(v.pipe(v.string(), v.base64('the file bytes are not base64'))),
  }),
  v.check((file) => file.state === 'complete' || file.data !== undefined, 'a file not yet on the server needs its bytes'),
);
export type AttachmentRecord = v.InferOutput<typeof AttachmentRecord>;

/** An outbox row: a sync Mutation (core/sync/protocol.ts) plus the time it was queued. */
const OutboxBase = {
  seq: v.pipe(Count, v.minValue(1)),
  id: Uuid,
  baseVersion: Count,
  createdAt: Timestamp,
};
const OutboxRecord = v.variant('entity', [
  v.strictObject({ ...OutboxBase, entity: v.literal('case'), payload: CaseFields }),
  v.strictObject({ ...OutboxBase, entity: v.literal('report'), payload: ReportPayload }),
  v.strictObject({ ...OutboxBase, entity: v.literal('comment'), payload: CommentFields }),
]);

const CommentRecord = v.object({
  id: Uuid,
  authorId: Uuid,
  authorName: Text(200),
  authorRole: v.picklist(['coordinator', 'observer']),
  body: Text(10_000),
  pin: v.exactOptional(Text(300)),
  createdAt: Timestamp,
});

const ReviewRecord = v.object({
  reportId: Uuid,
  projectId: Uuid,
  status: v.picklist(['received', 'needs_clarification', 'approved']),
  updatedAt: Timestamp,
  comments: v.pipe(v.array(CommentRecord), v.readonly()),
});

const FormRecord = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'must be a form id')),
  version: v.pipe(Count, v.minValue(1)),
  definition: v.record(v.string(), v.unknown()),
});

const StateRecord = v.object({ key: Text(100), value: v.union([Text(1_000), v.number()]) });

export const BackupFile = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: Timestamp,
  appVersion: Text(50),
  userId: Uuid,
  cases: v.array(CaseRecord),
  reports: v.array(ReportRecord),
  outbox: v.array(OutboxRecord),
  reviews: v.array(ReviewRecord),
  forms: v.array(FormRecord),
  state: v.array(StateRecord),
  attachments: v.array(AttachmentRecord),
});
export type BackupFile = v.InferOutput<typeof BackupFile>;
