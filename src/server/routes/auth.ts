import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { PROTOCOL_VERSION } from '../../core/sync/protocol.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import { audit } from '../audit/audit-log.ts';
import { createSession, revokeSession, revokeUserSessions, SESSION_COOKIE, SESSION_DAYS } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { ApiError } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { limitAttempts, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_USER } from '../http/rate-limit.ts';
import { parseInput } from '../http/validate.ts';

const SignIn = v.strictObject({
  username: v.pipe(Text, v.trim(), v.toLowerCase(), v.minLength(1, 'enter your username'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'enter your password'), v.maxLength(1_000)),
});

export function authRoutes(app: FastifyInstance, database: Db, secureCookies: boolean): void {
  const { db } = database;

  app.post(
    '/api/auth/sign-in',
    async (request, reply) => {
      const input = parseInput(SignIn, request.body);
      // request.ip is the client's own address, also behind a trusted proxy (TRUSTED_PROXY).
      await limitAttempts(db, reply, [
        { limit: SIGN_IN_PER_ADDRESS, subject: request.ip },
        { limit: SIGN_IN_PER_USER, subject: input.username },
      ]);
      const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
      // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
      const valid = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
      if (user === undefined || !valid || user.disabled_at !== null) {
        // Never the typed name or password: a password typed into the name field would land in the log.
        const reason = user === undefined ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
        await audit(db, { actorId: null, action: 'auth.sign_in_failed', target: user?.id ?? null, detail: { reason } });
        throw new ApiError(401, 'bad_credentials', 'The username or password is wrong.');
      }
      const token = await createSession(db, user.id);
      await audit(db, { actorId: user.id, action: 'auth.sign_in', target: user.id });
      request.log.info({ userId: user.id }, 'signed in');
      return reply
        .setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_DAYS * 86_400 })
        .send({ ok: true });
    },
  );

  app.post('/api/auth/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined) await revokeSession(db, token);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true });
  });

  // "Sign out everywhere": every session of the caller ends; device tokens are revoked one by one instead.
  app.post('/api/auth/sign-out-everywhere', async (request, reply) => {
    const access = requireAccess(request);
    const count = await revokeUserSessions(db, access.user.id);
    await audit(db, { actorId: access.user.id, action: 'auth.sign_out_everywhere', target: access.user.id, detail: { sessions: count } });
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true, sessions: count });
  });

  app.get('/api/me', async (request) => {
    const access = requireAccess(request);
    const projects = await db
      .selectFrom('projects')
      .leftJoin('memberships', (j) => j.onRef('memberships.project_id', '=', 'projects.id').on('memberships.user_id', '=', access.user.id))
      .select(['projects.id', 'projects.name', 'memberships.role'])
      .$if(!access.isAdmin, (q) => q.where('memberships.user_id', '=', access.user.id))
      .orderBy('projects.name')
      .execute();
    return {
      protocol: PROTOCOL_VERSION,
      user: { id: access.user.id, username: access.user.username, displayName: access.user.display_name, isAdmin: access.isAdmin },
      ...(access.deviceId === undefined ? {} : { deviceId: access.deviceId }),
      projects: projects.filter((p) => access.roles.has(p.id) || access.isAdmin).map((p) => ({ id: p.id, name: p.name, role: p.role ?? 'coordinator' })),
    };
  });
}
