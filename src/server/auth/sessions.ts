import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashSecret as hashToken, randomToken } from './secret-hash.ts';

export const SESSION_COOKIE = 'tm_session';
/** Observers work offline for weeks; a long session spares them signing in on a court bench. */
export const SESSION_DAYS = 30;

/** Creates a session and returns its token; only the token's hash is stored. */
export async function createSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
      revoked_at: null,
    })
    .execute();
  return token;
}

export async function revokeSession(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
}

/** Ends every open session of a user but the one whose token is kept (after a password change). Returns how many. */
export async function revokeOtherSessions(db: Kysely<Database>, userId: string, keptToken: string, now = new Date()): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('id', '!=', hashToken(keptToken))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every open session of a user ("sign out everywhere", or an administrator's order). Returns how many. */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, now = new Date()): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
