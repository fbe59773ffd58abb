import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { PROTOCOL_VERSION } from '../../core/sync/protocol.ts';
import { SESSION_COOKIE, SESSION_DAYS } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { myProjects, signIn, signOut, signOutEverywhere } from '../domain/sign-in.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { limitAttempts, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_USER } from '../http/rate-limit.ts';
import { registerRoute } from '../http/register-route.ts';

export function authRoutes(app: FastifyInstance, database: Db, secureCookies: boolean): void {
  const { db } = database;

  registerRoute(app, contract.signIn, async ({ body: input }, request, reply) => {
    // request.ip is the client's own address, also behind a trusted proxy (TRUSTED_PROXY).
    await limitAttempts(db, reply, [
      { limit: SIGN_IN_PER_ADDRESS, subject: request.ip },
      { limit: SIGN_IN_PER_USER, subject: input.username },
    ]);
    const { userId, token } = await signIn(db, input.username, input.password);
    request.log.info({ userId }, 'signed in');
    void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_DAYS * 86_400 });
    return { ok: true };
  });

  registerRoute(app, contract.signOut, async (_input, request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined) await signOut(db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  // "Sign out everywhere": every session of the caller ends; device tokens are revoked one by one instead.
  registerRoute(app, contract.signOutEverywhere, async (_input, request, reply) => {
    const access = requireAccess(request);
    const count = await signOutEverywhere(db, apiActor(access.user.id));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, sessions: count };
  });

  registerRoute(app, contract.me, async (_input, request) => {
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
