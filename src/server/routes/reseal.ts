import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { readableVersions, resealVersions } from '../domain/reseal.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/** Re-sealing a sealed project's stored readable report versions from the coordinator's browser (src/server/domain/reseal.ts). */
export function resealRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;
  registerRoute(app, contract.listReadableVersions, async ({ params: { projectId }, query }, request) => readableVersions(db, requireAccess(request), projectId, query.after));
  registerRoute(app, contract.resealVersions, async ({ params: { projectId }, body }, request) => {
    const access = requireAccess(request);
    return resealVersions(db, apiActor(access.user.id), access, projectId, body);
  });
}
