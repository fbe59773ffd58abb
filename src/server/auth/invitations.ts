import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, ProjectRole } from '../db/schema.ts';
import { apiError, type ApiError } from '../errors.ts';
import { generateCode, normaliseCode } from './enrolment-codes.ts';
import { hashSecret } from './secret-hash.ts';

/** An invitation lasts a week: long enough to meet the person, short enough that a lost note expires. */
export const INVITATION_DAYS = 7;

export interface IssuedInvitation {
  readonly code: string;
  readonly expiresAt: string;
}

/**
 * Invites a username into a project with a role. Nothing about accounts is looked up, so the answer is
 * the same whether the name is taken or not (no enumeration) and no account exists until the person
 * accepts. Only the code's hash is stored.
 */
export async function issueInvitation(
  db: Kysely<Database>,
  input: { projectId: string; username: string; displayName: string | undefined; role: ProjectRole; createdBy: string },
  now = new Date(),
): Promise<IssuedInvitation> {
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await db
    .insertInto('invitations')
    .values({
      id: hashSecret(normaliseCode(code)),
      project_id: input.projectId,
      username: input.username,
      display_name: input.displayName ?? null,
      role: input.role,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      accepted_at: null,
      accepted_by: null,
      public_id: uuidv7(),
      cancelled_at: null,
      cancelled_by: null,
    })
    .execute();
  return { code, expiresAt };
}

export interface OpenInvitation {
  readonly id: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly username: string;
  readonly displayName: string | null;
  readonly role: ProjectRole;
}

const badInvitation = (): ApiError => apiError('bad_invitation_code', {});

/**
 * Redeems an unused, uncancelled, unexpired invitation inside the caller's transaction: `accept` checks the person (and
 * makes the account of a new one) and returns their user id; then the claim is a conditional update, so two
 * people racing with one code cannot both join, and any failure rolls everything back with it.
 */
export async function claimInvitation(
  trx: Transaction<Database>,
  code: string,
  accept: (invitation: OpenInvitation) => Promise<string>,
  now = new Date(),
): Promise<OpenInvitation & { readonly userId: string }> {
  const at = now.toISOString();
  const row = await trx
    .selectFrom('invitations')
    .innerJoin('projects', 'projects.id', 'invitations.project_id')
    .select(['invitations.id', 'invitations.project_id', 'projects.name', 'invitations.username', 'invitations.display_name', 'invitations.role'])
    .where('invitations.id', '=', hashSecret(normaliseCode(code)))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.cancelled_at', 'is', null)
    .where('invitations.expires_at', '>', at)
    .executeTakeFirst();
  if (row === undefined) throw badInvitation();
  const invitation: OpenInvitation = { id: row.id, projectId: row.project_id, projectName: row.name, username: row.username, displayName: row.display_name, role: row.role };
  const userId = await accept(invitation);
  const claimed = await trx.updateTable('invitations').set({ accepted_at: at, accepted_by: userId }).where('id', '=', row.id).where('accepted_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst();
  if (claimed.numUpdatedRows !== 1n) throw badInvitation();
  return { ...invitation, userId };
}
