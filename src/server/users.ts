import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { MIN_PASSWORD_LENGTH } from '../core/password-change.ts';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import type { Database, ProjectRole } from './db/schema.ts';
import { inTransaction } from './domain/transaction.ts';
import { CliError, type CliErrorCode } from './cli-errors.ts';
import { apiError } from './errors.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** A wrong command-line argument (an unknown name, a missing option), coded in cli-errors.ts; the API answers with catalogued ApiErrors instead. */
export class UserInputError<C extends CliErrorCode = CliErrorCode> extends CliError<C> {}

export interface CreatedUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
}

/** Creates an account with a generated password (returned once, never stored in clear). */
export async function createUser(
  db: Kysely<Database>,
  input: { username: string; displayName?: string; isAdmin?: boolean; password?: string },
): Promise<CreatedUser> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw apiError('bad_username', {});
  if ((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined) {
    throw apiError('username_taken', { username });
  }
  const password = input.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw apiError('password_too_short', { min: MIN_PASSWORD_LENGTH });
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: input.displayName ?? username,
      password_hash: await hashPassword(password),
      is_admin: input.isAdmin === true ? 1 : 0,
      created_at: new Date().toISOString(),
      disabled_at: null,
    })
    .execute();
  return { id, username, password };
}

export async function createProject(db: Kysely<Database>, name: string): Promise<string> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) throw apiError('bad_project_name', {});
  if ((await db.selectFrom('projects').select('id').where('name', '=', trimmed).executeTakeFirst()) !== undefined) {
    throw apiError('project_exists', { name: trimmed });
  }
  const id = uuidv7();
  await db.insertInto('projects').values({ id, name: trimmed, created_at: new Date().toISOString() }).execute();
  return id;
}

/** Finds a project by id or exact name. */
export async function findProject(db: Kysely<Database>, idOrName: string): Promise<{ id: string; name: string }> {
  const project = await db.selectFrom('projects').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).executeTakeFirst();
  if (project === undefined) throw new UserInputError('no_project', { name: idOrName });
  return project;
}

export async function addMember(db: Kysely<Database>, projectId: string, userId: string, role: ProjectRole): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

/** The user with this name, or a UserInputError naming it. */
export async function findUser(db: Kysely<Database>, username: string): Promise<{ id: string; username: string; disabled_at: string | null }> {
  const user = await db.selectFrom('users').select(['id', 'username', 'disabled_at']).where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (user === undefined) throw new UserInputError('no_user', { username });
  return user;
}

/** Disables (or enables again) an account; a disabled user can neither sign in nor sync, and their sessions end now. */
export async function setDisabled(db: Kysely<Database>, userId: string, disabled: boolean, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ disabled_at: disabled ? now.toISOString() : null }).where('id', '=', userId).execute();
    if (disabled) await trx.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  });
}
