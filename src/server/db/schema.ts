/**
 * The server's tables, as Kysely sees them. Same names and types on SQLite and PostgreSQL:
 * text ids (UUIDs), ISO-8601 text timestamps, 0/1 integers for flags, and report answers kept as one
 * JSON text document per version (ARCHITECTURE.md: a sealed payload can later replace it unchanged).
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type ProjectRole = 'coordinator' | 'observer';

/** A nullable column that inserts may leave out (added by a later migration). */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  created_at: string;
  disabled_at: string | null;
}

export interface ProjectsTable {
  id: string;
  name: string;
  created_at: string;
  /** Comma-separated attachment kinds the project allows (migration 006). */
  attachment_kinds: Generated<string>;
  attachment_max_bytes: Generated<number>;
  /** Days a phone keeps a confirmed report's contents; null: never purged (migration 015). */
  sent_retention_days: Generated<number | null>;
  /** Comma-separated regional systems whose standards the project cites ('' none; migration 016). */
  regions: Generated<string>;
}

export interface MembershipsTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
}

export interface SessionsTable {
  /** SHA-256 of the session token: a stolen database yields no usable token. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  last_seq: number;
  created_at: string;
  last_sync_at: string | null;
  /** SHA-256 of the device token given at enrolment; null for a device first seen through a password session. */
  token_hash: Optional<string>;
  token_expires_at: Optional<string>;
  /** The project whose coordinator enrolled the device. */
  project_id: Optional<string>;
  enrolled_at: Optional<string>;
  revoked_at: Optional<string>;
  revoked_by: Optional<string>;
  /** The device's own public key (a P-256 JWK as JSON, migration 013), for replies sealed to it; null until it sends one. */
  public_key: Optional<string>;
  key_kid: Optional<string>;
}

export interface EnrolmentCodesTable {
  /** SHA-256 of the normalised one-time code. */
  id: string;
  user_id: string;
  project_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

/** A coordinator's invitation to a project, redeemed by the invited person (migration 007). */
export interface InvitationsTable {
  /** SHA-256 of the normalised one-time code. */
  id: string;
  project_id: string;
  username: string;
  display_name: string | null;
  role: ProjectRole;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  /** What the People screen names the invitation by (never the code or its hash); every row has one. */
  public_id: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

export type DeviceCommandName = 'wipe';

export interface DeviceCommandsTable {
  id: string;
  device_id: string;
  command: DeviceCommandName;
  created_by: string | null;
  created_at: string;
  /** When a pull first carried the command to the device. */
  delivered_at: string | null;
  /** When the device confirmed it is carrying the command out. */
  acknowledged_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** Null for anonymous events (a failed sign-in of an unknown name) and the command line. */
  actor_id: string | null;
  action: string;
  project_id: string | null;
  target: string | null;
  /** JSON with ids, states and counts only: never answers, names, passwords or tokens. */
  detail: string;
}

/** What the server answered for each mutation it settled (migration 009): a retry gets the same answer. */
export interface PushResultsTable {
  device_id: string;
  seq: number;
  status: 'applied' | 'unchanged' | 'conflict' | 'refused';
  version: number | null;
  reason: string | null;
}

export interface CasesTable {
  id: string;
  project_id: string;
  code: string;
  court: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CaseObserversTable {
  case_id: string;
  user_id: string;
}

export interface ReportsTable {
  id: string;
  project_id: string;
  case_id: string;
  form_id: string;
  form_version: number;
  author_id: string;
  hearing_date: string;
  version: number;
  received_at: string;
  updated_at: string;
  /** Findings the current version yields (computed by src/core on receipt), for the "has concerns" filter. */
  concern_count: Generated<number>;
  /** 1 while the current version is sealed (migration 014): then concern_count means nothing (unknown). */
  sealed: Generated<number>;
}

export interface ReportVersionsTable {
  report_id: string;
  version: number;
  content_hash: string;
  answers: string;
  reason: string | null;
  /** 1 when this version was sent from a device that had not seen the version before it: both are kept. */
  conflict: number;
  device_id: string;
  created_at: string;
  /** A sealed version's box as JSON (migration 014); answers is then '{}' and reason null. */
  sealed: string | null;
  /** 1 for a readable version received for a project already sealed (a device without the key yet). */
  readable_in_sealed: Generated<number>;
}

export interface FormsTable {
  id: string;
  version: number;
  definition: string;
  published_at: string;
  /** The project it was published for (migration 007); null: every project (built-in, or an administrator's). */
  project_id: Optional<string>;
}

export interface ChangesTable {
  /** Gap-free, commit-ordered position: allocated from the counters row inside the writing transaction. */
  position: number;
  project_id: string | null;
  entity: 'case' | 'report' | 'form' | 'review' | 'project' | 'case_merge';
  entity_id: string;
  owner_id: string | null;
  created_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface FindingDecisionsTable {
  report_id: string;
  /** The finding's answer path, as computeFindings gives it. */
  path: string;
  decision: 'confirmed' | 'dismissed';
  note: string;
  decided_by: string;
  decided_at: string;
}

export interface RightAssessmentsTable {
  case_id: string;
  right_id: string;
  text: string;
  grade: string | null;
  updated_by: string;
  updated_at: string;
}

/** The coordinator's recommendations for a case (one text per case), for its monitoring report. */
export interface CaseRecommendationsTable {
  case_id: string;
  text: string;
  updated_by: string;
  updated_at: string;
}

/** Which rights the current version of a report raises concerns about, and with how many findings. */
export interface ReportRightsTable {
  report_id: string;
  right_id: string;
  findings: number;
}

export type ReviewStatus = 'received' | 'needs_clarification' | 'approved';

export interface ReviewsTable {
  report_id: string;
  status: ReviewStatus;
  updated_by: string;
  updated_at: string;
}

export interface CommentsTable {
  id: string;
  report_id: string;
  author_id: string;
  body: string;
  /** The answer path the comment is about, or null for the report as a whole. */
  pin: string | null;
  created_at: string;
}

export interface AttachmentsTable {
  project_id: string;
  /** SHA-256 of the whole file, lower-case hex: the name the report's answers use. */
  hash: string;
  kind: 'photo' | 'document' | 'audio';
  mime: string;
  name: string | null;
  size: number;
  /** Bytes stored so far, in chunks: where a resumed upload continues. */
  received: number;
  state: 'uploading' | 'complete';
  uploaded_by: string;
  created_at: string;
  completed_at: string | null;
}

export interface AttachmentChunksTable {
  project_id: string;
  hash: string;
  byte_offset: number;
  data: Uint8Array;
}

/** Attempts counted per key (SHA-256 of a scope and a client address or user name) in its current window. */
export interface RateLimitsTable {
  key: string;
  /** When the window that began with the first counted attempt ends, in milliseconds since 1970. */
  window_ends: number;
  count: number;
}

/** A case's register of people (migration 012): the code that replaces a name in codes-only exports. */
export interface CasePeopleTable {
  id: string;
  case_id: string;
  code: string;
  role: string;
  name: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** A sealed project's public key (migration 013); the project is sealed from the moment this row exists. */
export interface ProjectSealsTable {
  project_id: string;
  /** A P-256 public key as JWK JSON (src/core/seal/keys.ts PublicJwk). */
  public_key: string;
  kid: string;
  sealed_at: string;
  sealed_by: string;
}

/** A coordinator's personal key pair: the private half only wrapped by their passphrase (PassphraseWrapped JSON). */
export interface UserKeysTable {
  user_id: string;
  public_key: string;
  kid: string;
  wrapped_private_key: string;
  created_at: string;
  updated_at: string;
}

/** A project's private key sealed (SealedBox JSON, grantBinding) to one coordinator's personal key. */
export interface ProjectKeyGrantsTable {
  project_id: string;
  user_id: string;
  project_kid: string;
  sealed_key: string;
  granted_by: string;
  granted_at: string;
}

/** A case merged into another (migration 015): what a `case_merge` change tells the phones that held it. */
export interface CaseMergesTable {
  case_id: string;
  into_id: string;
  project_id: string;
  merged_at: string;
}

export interface Database {
  users: UsersTable;
  projects: ProjectsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  push_results: PushResultsTable;
  cases: CasesTable;
  case_observers: CaseObserversTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  forms: FormsTable;
  changes: ChangesTable;
  counters: CountersTable;
  finding_decisions: FindingDecisionsTable;
  right_assessments: RightAssessmentsTable;
  case_recommendations: CaseRecommendationsTable;
  case_people: CasePeopleTable;
  case_merges: CaseMergesTable;
  report_rights: ReportRightsTable;
  reviews: ReviewsTable;
  comments: CommentsTable;
  enrolment_codes: EnrolmentCodesTable;
  invitations: InvitationsTable;
  device_commands: DeviceCommandsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  attachments: AttachmentsTable;
  attachment_chunks: AttachmentChunksTable;
  project_seals: ProjectSealsTable;
  user_keys: UserKeysTable;
  project_key_grants: ProjectKeyGrantsTable;
}

export type User = Selectable<UsersTable>;
export type NewChange = Omit<Insertable<ChangesTable>, 'position' | 'created_at'>;
