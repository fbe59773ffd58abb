/** The audit log, newest first, a page at a time. */
import * as v from 'valibot';
import { Uuid } from '../sync/protocol.ts';
import { Timestamp } from './common.ts';

export const AUDIT_PAGE_SIZE = 100;

/**
 * The kinds the audit screen filters by, each a set of actions. `reads` (a case page or export opened,
 * a case exported at the command line) is left out unless asked for: every visit to a case page is one,
 * and they drowned the decisions the log is read for. They are still written, for an investigation.
 */
export const AUDIT_KINDS = {
  cases: ['case.open', 'case.merge', 'case.observer_assigned', 'case.observer_unassigned', 'case.assessment', 'case.recommendations', 'case.person_added', 'case.person_changed', 'case.person_removed', 'import.cli'],
  reviews: ['review.status', 'review.comment', 'finding.decision'],
  people: ['user.created', 'user.disabled', 'user.enabled', 'project.created', 'role.granted', 'invitation.created', 'invitation.accepted', 'invitation.cancelled', 'project.attachment_settings', 'project.sent_retention', 'project.regional_standards', 'key.personal_set', 'project.sealed', 'key.granted', 'project.resealed'],
  sign_ins: ['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_out_everywhere', 'auth.sessions_revoked', 'auth.password_changed', 'auth.password_change_failed', 'auth.password_reset'],
  devices: ['device.code_issued', 'device.enrolled', 'device.enrol_failed', 'device.revoked', 'device.wipe_ordered', 'device.wipe_acknowledged'],
  reads: ['case.bundle_read', 'export.cli'],
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_NAMES = Object.keys(AUDIT_KINDS) as AuditKind[];

/** What an action's target names: the log stores an id, the screen shows its name and links to it. */
export function subjectKind(action: string): 'case' | 'report' | 'user' | 'device' | 'project' | undefined {
  if (action.startsWith('case.') || action === 'export.cli') return 'case';
  if (action.startsWith('review.') || action.startsWith('finding.')) return 'report';
  if (action === 'device.code_issued' || action.startsWith('key.') || action.startsWith('auth.') || action.startsWith('user.') || action.startsWith('role.') || action.startsWith('invitation.')) return 'user';
  if (action.startsWith('device.')) return 'device';
  if (action.startsWith('project.') || action === 'import.cli') return 'project';
  return undefined;
}

export const AuditQuery = v.strictObject({
  project: v.optional(Uuid),
  /** Only entries of this kind; without it every kind but `reads`. */
  kind: v.optional(v.picklist(AUDIT_KIND_NAMES, `kind is one of ${AUDIT_KIND_NAMES.join(', ')}`)),
  /** The id of the last entry of the previous page: entries are UUIDv7, newest first. */
  before: v.optional(Uuid),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit is a whole number'), v.transform(Number), v.minValue(1), v.maxValue(500))),
});

export const AuditEntry = v.object({
  id: v.string(),
  at: Timestamp,
  actor: v.nullable(v.object({ id: v.string(), username: v.string(), name: v.optional(v.string()) })),
  action: v.string(),
  project: v.nullable(v.object({ id: v.string(), name: v.string() })),
  target: v.nullable(v.string()),
  detail: v.record(v.string(), v.unknown()),
  /** What the target is and its name (a case's code, a report's case code and hearing date, a person's name); null when gone or unnamed. */
  subject: v.optional(v.nullable(v.object({ kind: v.picklist(['case', 'report', 'user', 'device', 'project']), id: v.string(), label: v.string() }))),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
/** `next`: the id to ask for the following page with (`before`), null on the last page. */
export const AuditPage = v.object({ entries: v.array(AuditEntry), next: v.nullable(v.string()) });
