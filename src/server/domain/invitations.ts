import type { Kysely } from 'kysely';
import type { Access } from '../auth/access.ts';
import { claimInvitation, issueInvitation, type IssuedInvitation } from '../auth/invitations.ts';
import { cancelInvitation as cancelInvitationRow, listPendingInvitations, type PendingInvitation } from '../auth/pending-invitations.ts';
import type { Database, ProjectRole } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { apiError, forbidden } from '../errors.ts';
import { createUser } from '../users.ts';
import { apiActor, record, type Actor } from './audit.ts';
import { grantRole, requireProject } from './people.ts';
import { inTransaction } from './transaction.ts';

/**
 * Invitations, the people side of joining a project: a coordinator invites a username with a role; the
 * person accepts with the code, signed in (an existing account) or choosing a password (a new one). The
 * data rules (hashed codes, conditional claims) are in auth/invitations.ts and auth/pending-invitations.ts.
 */

/**
 * POST /api/projects/:projectId/people. Body: { username, displayName?, role }.
 * Answer: { username, role, code, expiresAt, acceptPath } (201), whether or not the name exists.
 */
export async function invitePerson(
  db: Kysely<Database>,
  actor: Actor & { readonly userId: string },
  input: { readonly projectId: string; readonly username: string; readonly displayName?: string | undefined; readonly role: ProjectRole },
): Promise<IssuedInvitation> {
  return inTransaction(db, async (trx) => {
    await requireProject(trx, input.projectId);
    const issued = await issueInvitation(trx, { projectId: input.projectId, username: input.username, displayName: input.displayName, role: input.role, createdBy: actor.userId });
    await record(trx, actor, { action: 'invitation.created', projectId: input.projectId, detail: { role: input.role } });
    return issued;
  });
}

/** GET /api/projects/:projectId/invitations. Answer: { invitations: PendingInvitation[] }. */
export async function pendingInvitations(db: Kysely<Database>, projectId: string): Promise<{ invitations: PendingInvitation[] }> {
  return { invitations: await listPendingInvitations(db, projectId) };
}

/** POST /api/projects/:projectId/invitations/:invitationId/cancel. Body: {}. Answer: { ok: true, changed }. */
export async function cancelInvitation(db: Kysely<Database>, actor: Actor & { readonly userId: string }, input: { readonly projectId: string; readonly invitationId: string }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const cancelled = await cancelInvitationRow(trx, { projectId: input.projectId, invitationId: input.invitationId, cancelledBy: actor.userId });
    if (cancelled) await record(trx, actor, { action: 'invitation.cancelled', projectId: input.projectId, detail: { invitationId: input.invitationId } });
    return cancelled;
  });
}

export interface AcceptedInvitation {
  readonly projectId: string;
  readonly projectName: string;
  readonly role: ProjectRole;
  readonly username: string;
}

/**
 * POST /api/invitations/accept: an existing account, signed in with its password, joins the invitation's
 * project. Body: { code }. Answer: AcceptedInvitation.
 */
export async function acceptInvitation(db: Kysely<Database>, access: Access, code: string): Promise<AcceptedInvitation> {
  // A device token never carries more than its project's observer rights, so it cannot take on new ones.
  if (access.deviceId !== undefined) throw forbidden('invitation_from_device');
  const actor = apiActor(access.user.id);
  const accepted = await inTransaction(db, async (trx) => {
    const invitation = await claimInvitation(trx, code, (found) => {
      if (found.username !== access.user.username) throw apiError('invitation_for_another_account', { username: found.username });
      return Promise.resolve(access.user.id);
    });
    await record(trx, actor, { action: 'invitation.accepted', projectId: invitation.projectId, target: access.user.id });
    await grantRole(trx, actor, { projectId: invitation.projectId, userId: access.user.id, role: invitation.role });
    return invitation;
  });
  return { projectId: accepted.projectId, projectName: accepted.projectName, role: accepted.role, username: accepted.username };
}

/**
 * POST /api/invitations/accept-new: a new person chooses a password with the code, and the account is
 * made in the invitation's project. Body: { code, password }. Answer: AcceptedInvitation (201).
 */
export async function acceptInvitationAsNewPerson(db: Kysely<Database>, code: string, password: string): Promise<AcceptedInvitation> {
  const accepted = await inTransaction(db, async (trx) => {
    const invitation = await claimInvitation(trx, code, async (found) => {
      const taken = await trx.selectFrom('users').select('id').where('username', '=', found.username).executeTakeFirst();
      // Only the holder of a valid code learns that the name is taken: it is their own account, or a clash the coordinator fixes.
      if (taken !== undefined) throw apiError('username_taken', { username: found.username });
      const created = await createUser(trx, { username: found.username, password, ...(found.displayName === null ? {} : { displayName: found.displayName }) }).catch((error: unknown) => {
        // Another invitation for the same name was accepted at the same moment, and committed first (PostgreSQL
        // lets both transactions pass the check above): the same answer as if it had committed a moment earlier.
        throw isUniqueViolation(error) ? apiError('username_taken', { username: found.username }) : error;
      });
      return created.id;
    });
    const actor = apiActor(invitation.userId);
    await record(trx, actor, { action: 'user.created', projectId: invitation.projectId, target: invitation.userId });
    await record(trx, actor, { action: 'invitation.accepted', projectId: invitation.projectId, target: invitation.userId });
    await grantRole(trx, actor, { projectId: invitation.projectId, userId: invitation.userId, role: invitation.role });
    return invitation;
  });
  return { projectId: accepted.projectId, projectName: accepted.projectName, role: accepted.role, username: accepted.username };
}
