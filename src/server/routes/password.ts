import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { changeOwnPassword } from '../domain/change-password.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { apiError } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { limitAttempts, PASSWORD_CHANGE_PER_USER } from '../http/rate-limit.ts';
import { registerRoute } from '../http/register-route.ts';

/** POST /api/auth/password: a signed-in person chooses a new password (see changeOwnPassword). */
export function passwordRoutes(app: FastifyInstance, database: Db): void {
  registerRoute(app, contract.changePassword, async ({ body: input }, request, reply) => {
    const access = requireAccess(request);
    const sessionToken = request.cookies[SESSION_COOKIE];
    // An enrolled phone carries a device token, not a password session: its account's password is changed where it signs in.
    if (access.deviceId !== undefined || sessionToken === undefined) throw apiError('session_required', {});
    // The current password is checked here too: as many guesses a minute as at sign-in, no more.
    await limitAttempts(database.db, reply, [{ limit: PASSWORD_CHANGE_PER_USER, subject: access.user.username }]);
    return { ok: true, ...(await changeOwnPassword(database.db, { userId: access.user.id, sessionToken, ...input })) };
  });
}
