import type { Kysely } from 'kysely';
import { audit } from '../audit/audit-log.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { revokeOtherSessions } from './sessions.ts';

/**
 * A person changes their own password: the current one must be right and the new one different. The new
 * hash, the end of every other session (a thief signed in elsewhere is put out) and the audit entry are
 * one transaction. The session that asked stays; enrolled devices keep their tokens (revoked one by one).
 */
export async function changeOwnPassword(db: Kysely<Database>, input: { userId: string; sessionToken: string; currentPassword: string; newPassword: string }): Promise<{ sessionsEnded: number }> {
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await audit(db, { actorId: user.id, action: 'auth.password_change_failed', target: user.id, detail: { reason: 'wrong_password' } });
    // 403, not 401: the session is fine, and a 401 would sign the person out of the app.
    throw new ApiError(403, 'wrong_password', 'The current password is wrong. Nothing was changed.');
  }
  if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
    throw new ApiError(400, 'same_password', 'The new password is the same as the current one. Choose a different one.');
  }
  const hash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    const sessionsEnded = await revokeOtherSessions(trx, user.id, input.sessionToken);
    await audit(trx, { actorId: user.id, action: 'auth.password_changed', target: user.id, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}
