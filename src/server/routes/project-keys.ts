import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { grantProjectKey, myKeys, projectKeys, sealProject, setPersonalKey } from '../domain/project-keys.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * Sealed projects' keys (src/server/domain/project-keys.ts): my personal key and grants, a project's
 * seal and who holds its key, sealing a project and granting its key. `sealingRequired` is the
 * administrator's REQUIRE_SEALED_PROJECTS (config.ts), which the coordinator's screens show.
 */
export function projectKeyRoutes(app: FastifyInstance, database: Db, sealingRequired: boolean): void {
  const { db } = database;

  registerRoute(app, contract.getMyKeys, async (_input, request) => myKeys(db, requireAccess(request)));

  registerRoute(app, contract.setPersonalKey, async ({ body }, request) => {
    const access = requireAccess(request);
    return setPersonalKey(db, apiActor(access.user.id), access, body);
  });

  registerRoute(app, contract.getProjectKeys, async ({ params: { projectId } }, request) => projectKeys(db, requireAccess(request), projectId, sealingRequired));

  registerRoute(app, contract.sealProject, async ({ params: { projectId }, body }, request, reply) => {
    const access = requireAccess(request);
    const sealed = await sealProject(db, apiActor(access.user.id), access, projectId, body);
    void reply.status(201);
    return sealed;
  });

  registerRoute(app, contract.grantProjectKey, async ({ params: { projectId }, body }, request) => {
    const access = requireAccess(request);
    return grantProjectKey(db, apiActor(access.user.id), access, projectId, body);
  });
}
