import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { isCoordinator } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { projectThemes } from '../domain/themes.ts';
import { notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

export function themeRoutes(app: FastifyInstance, database: Db): void {
  registerRoute(app, contract.getThemes, async ({ params: { projectId } }, request) => {
    const access = requireAccess(request);
    if (!isCoordinator(access, projectId)) throw notFound('project');
    return projectThemes(database.db, projectId);
  });
}
