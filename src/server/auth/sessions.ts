import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, User } from '../db/schema.ts';

export const SESSION_COOKIE = 'tm_session';
/** Observers work offline for weeks; a long session spares them signing in on a court bench. */
export const SESSION_DAYS = 30;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session and returns its token; only the token's hash is stored. */
export async function createSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
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

/** The signed-in user for a token, or undefined when the token is unknown, expired, revoked or the user disabled. */
export async function userForToken(db: Kysely<Database>, token: string, now = new Date()): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row;
}

export async function revokeSession(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
}
