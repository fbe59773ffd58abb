import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { PROTOCOL_VERSION } from '../../core/sync/protocol.ts';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { myProjects, signIn, signOut, signOutEverywhere } from '../domain/sign-in.ts';
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
      const { userId, token } = await signIn(db, input.username, input.password);
      request.log.info({ userId }, 'signed in');
      return reply
        .setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_DAYS * 86_400 })
        .send({ ok: true });
    },
  );

  app.post('/api/auth/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined) await signOut(db, token);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true });
  });

  // "Sign out everywhere": every session of the caller ends; device tokens are revoked one by one instead.
  app.post('/api/auth/sign-out-everywhere', async (request, reply) => {
    const access = requireAccess(request);
    const count = await signOutEverywhere(db, apiActor(access.user.id));
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true, sessions: count });
  });

  app.get('/api/me', async (request) => {
    const access = requireAccess(request);
    const projects = await myProjects(db, access);
    return {
      protocol: PROTOCOL_VERSION,
      user: { id: access.user.id, username: access.user.username, displayName: access.user.display_name, isAdmin: access.isAdmin },
      ...(access.deviceId === undefined ? {} : { deviceId: access.deviceId }),
      projects,
    };
  });
}
