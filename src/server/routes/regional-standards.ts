import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { memberRegionalStandards, saveRegionalStandards } from '../domain/regional-standards.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/** A project's regional standards: read by its members, chosen by its coordinators. */
export function regionalStandardsRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;
  registerRoute(app, contract.getRegionalStandards, async ({ params: { projectId } }, request) => memberRegionalStandards(db, requireAccess(request), projectId));
  registerRoute(app, contract.putRegionalStandards, async ({ params: { projectId }, body }, request) => {
    const access = requireAccess(request);
    return saveRegionalStandards(db, access, apiActor(access.user.id), projectId, body);
  });
}
