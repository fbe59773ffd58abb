import type { FastifyReply, FastifyRequest } from 'fastify';
import { accessForSession, loadDeviceAccess, type Access } from '../auth/access.ts';
import { userForDeviceToken } from '../auth/device-tokens.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { apiError, type ApiError, notSignedIn } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    access: Access | undefined;
    /** Why a presented credential did not work, reported by requireAccess (a route open to anyone ignores it). */
    authFailure: ApiError | undefined;
  }
}

const DEVICE_FAILURES = {
  revoked: apiError('device_revoked', {}),
  expired: apiError('device_token_expired', {}),
  disabled: apiError('account_disabled', {}),
  unknown: apiError('bad_device_token', {}),
} as const;

/**
 * Resolves the caller: a device token (Authorization: Bearer) or the session cookie. A device token,
 * when present, decides alone, so a revoked phone cannot fall back on an old cookie.
 */
export function authHook(database: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (header !== undefined && header.startsWith('Bearer ')) {
      const result = await userForDeviceToken(database.db, header.slice('Bearer '.length).trim());
      if (result.status === 'ok' || result.status === 'wipe_only') {
        request.access = await loadDeviceAccess(database.db, result.user, result.deviceId, result.projectId, result.status === 'wipe_only');
      }
      if (result.status !== 'ok') request.authFailure = DEVICE_FAILURES[result.status === 'wipe_only' ? 'revoked' : result.status];
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    request.access = await accessForSession(database.db, token);
  };
}

export function requireAccess(request: FastifyRequest): Access {
  if (request.access === undefined || request.access.wipeOnly === true) throw request.authFailure ?? notSignedIn();
  return request.access;
}

/** For the two routes a revoked device may still use to receive and confirm a wipe: pull and acknowledge. */
export function requireCommandAccess(request: FastifyRequest): Access {
  if (request.access === undefined) throw request.authFailure ?? notSignedIn();
  return request.access;
}
