import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadAccess, type Access } from '../auth/access.ts';
import { SESSION_COOKIE, userForToken } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { notSignedIn } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    access: Access | undefined;
  }
}

/** Resolves the session cookie to the user and their roles; routes then call requireAccess. */
export function authHook(database: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const user = await userForToken(database.db, token);
    if (user !== undefined) request.access = await loadAccess(database.db, user);
  };
}

export function requireAccess(request: FastifyRequest): Access {
  if (request.access === undefined) throw notSignedIn();
  return request.access;
}
