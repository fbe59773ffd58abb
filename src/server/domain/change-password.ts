import type { Kysely } from 'kysely';
import { audit } from '../audit/audit-log.ts';
import type { Database } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { revokeOtherSessions } from '../auth/sessions.ts';
import { inTransaction } from './transaction.ts';

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
    throw apiError('wrong_password', {});
  }
  if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
    throw apiError('same_password', {});
  }
  const hash = await hashPassword(input.newPassword);
  return inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    const sessionsEnded = await revokeOtherSessions(trx, user.id, input.sessionToken);
    await audit(trx, { actorId: user.id, action: 'auth.password_changed', target: user.id, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}
