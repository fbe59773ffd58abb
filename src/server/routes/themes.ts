import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { isCoordinator } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { projectThemes, type ThemesResponse } from '../domain/themes.ts';
import { notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

export type { ThemesResponse };

export function themeRoutes(app: FastifyInstance, database: Db): void {
  app.get('/api/projects/:projectId/themes', async (request): Promise<ThemesResponse> => {
    const access = requireAccess(request);
    const { projectId } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    if (!isCoordinator(access, projectId)) throw notFound('project');
    return projectThemes(database.db, projectId);
  });
}
