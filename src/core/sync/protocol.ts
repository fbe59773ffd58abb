/**
 * The wire contract between the device and the server, defined once and used by both.
 * Every request body is parsed with these schemas on the server; the app builds its requests from the
 * same types, so a change here is a change to both sides at once. See README.md beside this file.
 */
import * as v from 'valibot';
import type { ProjectRecord } from './attachments.ts';
import type { SealedBox } from '../seal/envelope.ts';
import type { EcPublicJwk } from '../seal/web-crypto.ts';
import { CalendarDate, Text } from './text.ts';

/** Bumped when a change breaks older clients; the server names the oldest it still accepts. */
export const PROTOCOL_VERSION = 1;

export const MAX_MUTATIONS_PER_PUSH = 100;
export const MAX_TEXT_ANSWER = 20_000;
export const PULL_PAGE_SIZE = 200;

export const Uuid = v.pipe(v.string(), v.uuid('must be a UUID'));
const Seq = v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(1, 'must be 1 or more'));

const FieldValueSchema = v.union([
  v.pipe(Text, v.maxLength(MAX_TEXT_ANSWER, `a text answer may have at most ${MAX_TEXT_ANSWER} characters`)),
  v.pipe(v.number(), v.finite()),
  v.pipe(v.array(v.pipe(Text, v.maxLength(200))), v.maxLength(100), v.readonly()),
]);
const RowSchema = v.pipe(v.objectWithRest({ _row: v.pipe(Text, v.minLength(1), v.maxLength(64)) }, FieldValueSchema), v.readonly());
export const AnswersSchema = v.pipe(
  v.record(
    // Item ids, and the one reserved key "_nothing" (src/core/forms/nothing-to-record.ts).
    v.pipe(v.string(), v.regex(/^(?:[a-z][a-z0-9_]*|_nothing)$/, 'answer keys are item ids')),
    v.union([FieldValueSchema, v.pipe(v.array(RowSchema), v.maxLength(500), v.readonly())]),
  ),
  v.check((answers) => Object.keys(answers).length <= 2_000, 'too many answers'),
  v.readonly(),
);

export const CaseFields = v.strictObject({
  projectId: Uuid,
  code: v.pipe(Text, v.trim(), v.minLength(1, 'the case code is empty'), v.maxLength(64, 'a case code has at most 64 characters')),
  court: v.pipe(Text, v.trim(), v.maxLength(200, 'a court name has at most 200 characters')),
});
export type CaseFields = v.InferOutput<typeof CaseFields>;

export const ReportFields = v.strictObject({
  projectId: Uuid,
  caseId: Uuid,
  formId: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'must be a form id')),
  formVersion: Seq,
  hearingDate: CalendarDate,
  answers: AnswersSchema,
  /** Why a finalised report is sent again with other content (an amendment); empty for the first version. */
  reason: v.optional(v.pipe(Text, v.maxLength(2_000))),
});
export type ReportFields = v.InferOutput<typeof ReportFields>;

/**
 * A report version of a sealed project (docs/security.md, "Sealed projects"): the metadata the server
 * needs in the clear, and `sealed`, the box of the canonical JSON of { answers, reason } (src/core/seal
 * sealed-report.ts) sealed to the project's public key with reportBinding(id, baseVersion + 1, formId,
 * formVersion). Strict, like ReportFields: a payload is readable or sealed, never both.
 */
export const SealedReportFields = v.strictObject({
  projectId: Uuid,
  caseId: Uuid,
  formId: ReportFields.entries.formId,
  formVersion: Seq,
  hearingDate: CalendarDate,
  /**
   * Checked by the server only as an object here: a box that does not parse (parseSealedBox) is a
   * refusal of this one mutation (sealed_box_malformed), settled like any other, rather than a 400 that
   * would hold every change behind it in the device's outbox.
   */
  sealed: v.looseObject({}),
});
export type SealedReportFields = v.InferOutput<typeof SealedReportFields>;

/**
 * What a report mutation carries: readable answers, or (a sealed project) the box in their place. Chosen
 * by the presence of `sealed` rather than as a union, so that a readable payload's faults are named as
 * ReportFields names them (a union would only say that no shape matched); a payload with both is
 * refused by SealedReportFields, which is strict.
 */
export const ReportPayload = v.lazy((input: unknown) => (typeof input === 'object' && input !== null && 'sealed' in input ? SealedReportFields : ReportFields));
export type ReportPayload = ReportFields | SealedReportFields;
export const isSealedPayload = (payload: ReportPayload): payload is SealedReportFields => 'sealed' in payload;

/** An observer's reply (or a coordinator's comment) on a report, written offline and pushed like any change. */
export const CommentFields = v.strictObject({
  reportId: Uuid,
  body: v.pipe(Text, v.trim(), v.minLength(1, 'the comment is empty'), v.maxLength(10_000, 'a comment has at most 10,000 characters')),
  /** The answer the comment is about ("itemId" or "repeatId.rowId.itemId"), if any. */
  pin: v.optional(v.pipe(Text, v.maxLength(300), v.regex(/^[a-z][a-z0-9_]*(\.[^.\s]{1,64}\.[a-z][a-z0-9_]*)?$/, 'a pin is an answer path'))),
});
export type CommentFields = v.InferOutput<typeof CommentFields>;

const MutationBase = {
  seq: Seq,
  id: Uuid,
  /** The server version the device last saw of this entity; 0 when the device created it. */
  baseVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
};

export const Mutation = v.variant('entity', [
  v.strictObject({ ...MutationBase, entity: v.literal('case'), payload: CaseFields }),
  v.strictObject({ ...MutationBase, entity: v.literal('report'), payload: ReportPayload }),
  v.strictObject({ ...MutationBase, entity: v.literal('comment'), payload: CommentFields }),
]);
export type Mutation = v.InferOutput<typeof Mutation>;
export type MutationEntity = Mutation['entity'];

export const PushRequest = v.strictObject({
  protocol: v.literal(PROTOCOL_VERSION, 'this app is too old for the server: update it (your data stays on the device)'),
  deviceId: Uuid,
  mutations: v.pipe(
    v.array(Mutation),
    v.minLength(1, 'send at least one change'),
    v.maxLength(MAX_MUTATIONS_PER_PUSH, `send at most ${MAX_MUTATIONS_PER_PUSH} changes at once`),
    v.check((list) => list.every((m, i) => i === 0 || m.seq === (list[i - 1]?.seq ?? 0) + 1), 'changes must be in consecutive seq order'),
  ),
});
export type PushRequest = v.InferOutput<typeof PushRequest>;

/**
 * applied: stored now. unchanged: the same content was already stored (a retry).
 * conflict: stored as a new version beside one the device had not seen; both are kept.
 * refused: not stored, with the reason; it will not be retried.
 */
export type MutationStatus = 'applied' | 'unchanged' | 'conflict' | 'refused';

export interface MutationResult {
  readonly seq: number;
  readonly status: MutationStatus;
  /** The server version of the entity after this mutation. */
  readonly version?: number;
  /**
   * Why a mutation was refused: a stable code of src/core/api/error-codes.ts (SYNC_REFUSALS) and its
   * parameters, which the app translates. A newer server may send a code this app does not know.
   */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** The refusal in English (formatRefusal of code and params), for logs and for apps older than the codes. */
  readonly reason?: string;
}

export interface PushResponse {
  /** Every mutation with seq up to this one is settled; the device deletes them from its outbox. */
  readonly lastSeq: number;
  readonly results: readonly MutationResult[];
}

export interface CaseRecord {
  readonly id: string;
  readonly projectId: string;
  readonly code: string;
  readonly court: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ReportStatus = 'final';

export interface ReportRecord {
  readonly id: string;
  readonly projectId: string;
  readonly caseId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly authorId: string;
  readonly hearingDate: string;
  readonly version: number;
  /** The current version's answers; empty ({}) when the version is sealed: then `sealed` holds them. */
  readonly answers: Readonly<Record<string, unknown>>;
  /** A sealed version's box (SealedReportFields.sealed), for a holder of the project's private key. */
  readonly sealed?: SealedBox;
  readonly receivedAt: string;
}

/** A sealed project's public key, sent with every pull to the devices of its members. */
export interface ProjectSeal {
  readonly projectId: string;
  readonly kid: string;
  readonly publicKey: EcPublicJwk;
}

export interface FormRecord {
  readonly id: string;
  readonly version: number;
  readonly definition: unknown;
}

export type ReviewStatus = 'received' | 'needs_clarification' | 'approved';

export interface CommentRecord {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  /** Whether the author reviews (coordinator) or observed (the report's observer). */
  readonly authorRole: 'coordinator' | 'observer';
  readonly body: string;
  readonly pin?: string;
  readonly createdAt: string;
}

/** A report's review status and its whole conversation, sent to the observer whenever either changes. */
export interface ReviewThread {
  readonly reportId: string;
  readonly projectId: string;
  readonly status: ReviewStatus;
  readonly updatedAt: string;
  readonly comments: readonly CommentRecord[];
}

/** An order for one device, such as wiping everything the app keeps on it; delivered with a pull. */
export interface DeviceCommand {
  readonly id: string;
  readonly command: 'wipe';
  readonly issuedAt: string;
}

/**
 * A case a coordinator merged into another (src/server/domain/case-merge.ts): the device moves what it
 * holds of case `id` (drafts, reports, its register) to case `into` and removes `id` from its list.
 */
export interface CaseMerged {
  readonly id: string;
  readonly into: string;
  readonly projectId: string;
  readonly mergedAt: string;
}

export type Change =
  | { readonly position: number; readonly entity: 'case'; readonly data: CaseRecord }
  | { readonly position: number; readonly entity: 'report'; readonly data: ReportRecord }
  | { readonly position: number; readonly entity: 'form'; readonly data: FormRecord }
  | { readonly position: number; readonly entity: 'review'; readonly data: ReviewThread }
  | { readonly position: number; readonly entity: 'command'; readonly data: DeviceCommand }
  | { readonly position: number; readonly entity: 'project'; readonly data: ProjectRecord }
  | { readonly position: number; readonly entity: 'case_merge'; readonly data: CaseMerged };

export interface PullResponse {
  readonly cursor: number;
  readonly hasMore: boolean;
  readonly changes: readonly Change[];
  /**
   * The public keys of the caller's sealed projects, on every page (a few small rows): a device seals
   * each report version of those projects to its project's key. Absent from servers before sealing.
   */
  readonly seals?: readonly ProjectSeal[];
}

export const PullQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'cursor must be a whole number'), v.transform(Number)), '0'),
  /** The pulling device, so that its commands (wipe) reach it; implied by a device token. */
  deviceId: v.optional(Uuid),
  /**
   * own: only the caller's own work (their reports and threads, the cases they are assigned to, projects
   * and forms), whatever their role: what the app's sync asks for, so a coordinator's browser never keeps a
   * copy of other observers' reports (issue 10 item 7). all (the default): everything the caller may read.
   */
  scope: v.optional(v.picklist(['own', 'all']), 'all'),
});

/**
 * Every error the API returns has this body. `code` is stable and `params` are its parameters, both as
 * catalogued in src/core/api/error-codes.ts (the app translates from them); `message` is English, for
 * API users and logs.
 */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly params?: Readonly<Record<string, string | number>>;
    readonly message: string;
    readonly issues?: readonly { readonly path: string; readonly message: string; readonly code?: string; readonly params?: Readonly<Record<string, string | number>> }[];
  };
}

/** Turns valibot issues into the API's "path: message" list. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(p.key)).join('.') || '(body)',
    message: issue.message,
  }));
}
