import type { Kysely } from 'kysely';
import type { Database, ProjectRole } from '../db/schema.ts';
import { apiError, notFound } from '../errors.ts';

/** What a coordinator sees of an invitation still open: never its code (shown once) nor the code's hash. */
export interface PendingInvitation {
  readonly id: string;
  readonly username: string;
  readonly displayName: string | null;
  readonly role: ProjectRole;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** The project's invitations that can still be accepted (not accepted, not cancelled, not expired), soonest to expire first. */
export async function listPendingInvitations(db: Kysely<Database>, projectId: string, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['public_id', 'username', 'display_name', 'role', 'created_at', 'expires_at'])
    .where('project_id', '=', projectId)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('expires_at')
    .orderBy('public_id')
    .execute();
  return rows.map((r) => ({ id: r.public_id, username: r.username, displayName: r.display_name, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at }));
}

/**
 * Cancels one of the project's invitations so that its code no longer works. Answers whether this call
 * cancelled it: false when it was cancelled already (a retried request), so the caller audits only once.
 * An invitation of another project is "not found" like an unknown one; an accepted one cannot be undone
 * here (the person is a member: that is a change of membership, not of the invitation).
 */
export async function cancelInvitation(db: Kysely<Database>, input: { projectId: string; invitationId: string; cancelledBy: string }, now = new Date()): Promise<boolean> {
  // The same conditional update as claimInvitation's, so a cancel and an accept racing on one row cannot both win.
  const cancelled = await db
    .updateTable('invitations')
    .set({ cancelled_at: now.toISOString(), cancelled_by: input.cancelledBy })
    .where('public_id', '=', input.invitationId)
    .where('project_id', '=', input.projectId)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  if (cancelled.numUpdatedRows === 1n) return true;
  const row = await db.selectFrom('invitations').select(['accepted_at']).where('public_id', '=', input.invitationId).where('project_id', '=', input.projectId).executeTakeFirst();
  if (row === undefined) throw notFound('invitation');
  if (row.accepted_at !== null) throw apiError('invitation_accepted', {});
  return false;
}
