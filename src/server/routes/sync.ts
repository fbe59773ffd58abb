import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { checkSyncDevice, pullForDevice } from '../devices/sync-device.ts';
import type { FormCache } from '../forms/form-cache.ts';
import { requireAccess, requireCommandAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';
import { pullChanges } from '../sync/pull.ts';
import { pullJson } from '../sync/pull-json.ts';
import { databaseCode } from '../sync/failures.ts';
import { applyPush } from '../sync/push.ts';

/** `sealingRequired`: REQUIRE_SEALED_PROJECTS (config.ts), which the push enforces (sync/seal-policy.ts). */
export function syncRoutes(app: FastifyInstance, database: Db, forms: FormCache, sealingRequired: boolean): void {
  registerRoute(app, contract.push, async ({ body }, request) => {
    const access = requireAccess(request);
    await checkSyncDevice(database.db, access, body.deviceId);
    const response = await applyPush(database.db, access, body, forms, (seq, error) => {
      // The error's name and code only: its message may quote the values that failed.
      request.log.warn({ deviceId: body.deviceId, seq, error: error instanceof Error ? error.name : typeof error, code: databaseCode(error) }, 'push: a change could not be stored and was set aside');
    }, { sealingRequired });
    request.log.info({ deviceId: body.deviceId, mutations: body.mutations.length, lastSeq: response.lastSeq }, 'push applied');
    return response;
  });

  registerRoute(app, contract.pull, async ({ query }, request, reply) => {
    const access = requireCommandAccess(request);
    // Published forms are written from text kept for them (pull-json.ts); a hook that checks the answer still sees the object.
    void reply.type('application/json; charset=utf-8').serializer(pullJson);
    return pullForDevice(database.db, access, query.deviceId, query.cursor, () => pullChanges(database.db, access, query.cursor, undefined, query.scope));
  });
}
