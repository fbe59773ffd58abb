import { AUDIT_KINDS, type AuditKind } from '../../core/api/audit.ts';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';

/** Every action the audit log records. Stable strings: coordinators filter and read them. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out_everywhere',
  'auth.sessions_revoked',
  'auth.password_changed',
  'auth.password_change_failed',
  'auth.password_reset',
  'user.created',
  'user.disabled',
  'user.enabled',
  'project.created',
  'role.granted',
  'project.attachment_settings',
  'project.sent_retention',
  'project.regional_standards',
  'invitation.created',
  'invitation.accepted',
  'invitation.cancelled',
  'case.observer_assigned',
  'case.observer_unassigned',
  'device.code_issued',
  'device.enrolled',
  'device.enrol_failed',
  'device.revoked',
  'device.wipe_ordered',
  'device.wipe_acknowledged',
  'review.status',
  'review.comment',
  'finding.decision',
  'case.assessment',
  'case.recommendations',
  'case.bundle_read',
  // The case's register of people (src/server/domain/case-register.ts).
  'case.person_added',
  'case.person_changed',
  'case.person_removed',
  // Coordinators open and merge cases (issue 13 part 5)
  'case.open',
  'case.merge',
  'export.cli',
  'import.cli',
  // Sealed projects' keys (k11, issue 11: src/server/domain/project-keys.ts)
  'key.personal_set',
  'project.sealed',
  'key.granted',
  // Re-sealing stored readable versions (issue 11 part 5: src/server/domain/reseal.ts)
  'project.resealed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** Every action belongs to a kind the audit screen filters by (src/core/api/audit.ts): a new action without one fails the typecheck. */
export const EVERY_ACTION_HAS_A_KIND: [Exclude<AuditAction, (typeof AUDIT_KINDS)[AuditKind][number]>] extends [never] ? true : never = true;

/**
 * Details are flat ids, states and counts. The type allows no nested objects so that nobody passes a
 * request body through: answers, names, comments, passwords and tokens never reach the log.
 */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly projectId?: string | null;
  /** The id of what was acted on (a user, device, report, case). */
  readonly target?: string | null;
  readonly detail?: AuditDetail;
}

/** Appends one entry. Pass the transaction of the change it records, so both commit or neither. */
export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      at: now.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      project_id: entry.projectId ?? null,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
