/**
 * The answers of push and pull, as schemas beside the requests in ../sync/protocol.ts. The interfaces
 * there stay the names both sides use; each schema here is checked to produce exactly such a value, so
 * the two cannot drift apart.
 */
import * as v from 'valibot';
import type { ProjectRecord } from '../sync/attachments.ts';
import { AttachmentSettings } from '../sync/attachments.ts';
import { SealedBox } from '../seal/envelope.ts';
import { PublicJwk } from '../seal/keys.ts';
import { SentRetentionDays } from '../sync/sent-retention.ts';
import type { CaseMerged, CaseRecord, Change, CommentRecord, DeviceCommand, FormRecord, MutationResult, ProjectSeal, PullResponse, PushResponse, ReportRecord, ReviewThread } from '../sync/protocol.ts';
import { ReviewStatus, Timestamp } from './common.ts';

const Count = v.pipe(v.number(), v.safeInteger());

export const MutationResultSchema = v.object({
  seq: Count,
  status: v.picklist(['applied', 'unchanged', 'conflict', 'refused']),
  version: v.exactOptional(Count),
  // Any string: a code this app does not know yet (a newer server) must not fail the whole push.
  code: v.exactOptional(v.string()),
  params: v.exactOptional(v.record(v.string(), v.string())),
  reason: v.exactOptional(v.string()),
});

export const PushAnswer = v.object({ lastSeq: Count, results: v.array(MutationResultSchema) });

export const CaseRecordSchema = v.object({
  id: v.string(),
  projectId: v.string(),
  code: v.string(),
  court: v.string(),
  version: Count,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ReportRecordSchema = v.object({
  id: v.string(),
  projectId: v.string(),
  caseId: v.string(),
  formId: v.string(),
  formVersion: Count,
  authorId: v.string(),
  hearingDate: v.string(),
  version: Count,
  answers: v.record(v.string(), v.unknown()),
  /** A sealed version's box (answers are then {}): sealed projects, s11. */
  sealed: v.exactOptional(SealedBox),
  receivedAt: Timestamp,
});

/** A sealed project's public key as the pull sends it (s11). */
export const ProjectSealSchema = v.object({ projectId: v.string(), kid: v.string(), publicKey: PublicJwk });

/** A form's definition is checked by the form loader where it is used, not here. */
export const FormRecordSchema = v.object({ id: v.string(), version: Count, definition: v.unknown() });

export const CommentRecordSchema = v.object({
  id: v.string(),
  authorId: v.string(),
  authorName: v.string(),
  authorRole: v.picklist(['coordinator', 'observer']),
  body: v.string(),
  pin: v.exactOptional(v.string()),
  createdAt: Timestamp,
});

export const ReviewThreadSchema = v.object({
  reportId: v.string(),
  projectId: v.string(),
  status: ReviewStatus,
  updatedAt: Timestamp,
  comments: v.array(CommentRecordSchema),
});

export const DeviceCommandSchema = v.object({ id: v.string(), command: v.literal('wipe'), issuedAt: Timestamp });
export const ProjectRecordSchema = v.object({ id: v.string(), attachments: AttachmentSettings, sentRetentionDays: v.exactOptional(SentRetentionDays) });

export const CaseMergedSchema = v.object({ id: v.string(), into: v.string(), projectId: v.string(), mergedAt: Timestamp });

const change = <const E extends string, S extends v.GenericSchema>(entity: E, data: S) => v.object({ position: Count, entity: v.literal(entity), data });

export const ChangeSchema = v.variant('entity', [
  change('case', CaseRecordSchema),
  change('report', ReportRecordSchema),
  change('form', FormRecordSchema),
  change('review', ReviewThreadSchema),
  change('command', DeviceCommandSchema),
  change('project', ProjectRecordSchema),
  change('case_merge', CaseMergedSchema),
]);

export const PullAnswer = v.object({
  cursor: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  hasMore: v.boolean(),
  changes: v.array(ChangeSchema),
  seals: v.exactOptional(v.array(ProjectSealSchema)),
});

/** Compile-time ties: each schema's output is the protocol's interface (a drift is a type error here). */
type Fits<Schema extends v.GenericSchema, Interface> = v.InferOutput<Schema> extends Interface ? true : never;
export const SCHEMAS_FIT_PROTOCOL: [
  Fits<typeof PushAnswer, PushResponse>,
  Fits<typeof MutationResultSchema, MutationResult>,
  Fits<typeof PullAnswer, PullResponse>,
  Fits<typeof ChangeSchema, Change>,
  Fits<typeof CaseRecordSchema, CaseRecord>,
  Fits<typeof ReportRecordSchema, ReportRecord>,
  Fits<typeof FormRecordSchema, FormRecord>,
  Fits<typeof ReviewThreadSchema, ReviewThread>,
  Fits<typeof CommentRecordSchema, CommentRecord>,
  Fits<typeof DeviceCommandSchema, DeviceCommand>,
  Fits<typeof ProjectRecordSchema, ProjectRecord>,
  Fits<typeof CaseMergedSchema, CaseMerged>,
  Fits<typeof ProjectSealSchema, ProjectSeal>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
