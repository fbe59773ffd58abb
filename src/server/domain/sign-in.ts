import type { Kysely } from 'kysely';
import type { Access } from '../auth/access.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import { createSession, revokeSession, revokeUserSessions } from '../auth/sessions.ts';
import type { Database } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { record, type Actor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * Signing in and out: the people domain's sessions. The session rows (hashed tokens, lifetimes) are in
 * auth/sessions.ts; the cookie is the route's business.
 */

/**
 * POST /api/auth/sign-in. Body: { username, password }. Answer: { ok: true } with the session cookie.
 * A failure is audited with why (never the typed name or password) and answered 401 bad_credentials, the
 * same for an unknown name, a wrong password and a disabled account.
 */
export async function signIn(db: Kysely<Database>, username: string, password: string): Promise<{ userId: string; token: string }> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled_at']).where('username', '=', username).executeTakeFirst();
  // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (user === undefined || !valid || user.disabled_at !== null) {
    // Never the typed name or password: a password typed into the name field would land in the log.
    const reason = user === undefined ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
    await record(db, { userId: null, via: 'api' }, { action: 'auth.sign_in_failed', target: user?.id ?? null, detail: { reason } });
    throw apiError('bad_credentials', {});
  }
  return inTransaction(db, async (trx) => {
    const token = await createSession(trx, user.id);
    await record(trx, { userId: user.id, via: 'api' }, { action: 'auth.sign_in', target: user.id });
    return { userId: user.id, token };
  });
}

/** POST /api/auth/sign-out: this session ends. Answer: { ok: true }. */
export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await revokeSession(db, token);
}

/** POST /api/auth/sign-out-everywhere: every session of the caller ends; device tokens are revoked one by one instead. Answer: { ok: true, sessions }. */
export async function signOutEverywhere(db: Kysely<Database>, actor: Actor & { readonly userId: string }): Promise<number> {
  return inTransaction(db, async (trx) => {
    const count = await revokeUserSessions(trx, actor.userId);
    await record(trx, actor, { action: 'auth.sign_out_everywhere', target: actor.userId, detail: { sessions: count } });
    return count;
  });
}

/**
 * GET /api/me: who is signed in and their projects. Answer: { protocol, user: { id, username, displayName, isAdmin },
 * deviceId?, projects: { id, name, role }[] } (an administrator sees every project, as coordinator where they hold no role).
 */
export async function myProjects(db: Kysely<Database>, access: Access): Promise<{ id: string; name: string; role: 'coordinator' | 'observer' }[]> {
  const projects = await db
    .selectFrom('projects')
    .leftJoin('memberships', (j) => j.onRef('memberships.project_id', '=', 'projects.id').on('memberships.user_id', '=', access.user.id))
    .select(['projects.id', 'projects.name', 'memberships.role'])
    .$if(!access.isAdmin, (q) => q.where('memberships.user_id', '=', access.user.id))
    .orderBy('projects.name')
    .execute();
  return projects.filter((p) => access.roles.has(p.id) || access.isAdmin).map((p) => ({ id: p.id, name: p.name, role: p.role ?? 'coordinator' }));
}
