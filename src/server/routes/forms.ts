import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects, isCoordinator } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { ApiError, forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';
import { publishForm } from '../forms/publish-form.ts';

const PublishQuery = v.strictObject({ projectId: v.optional(Uuid) });

/**
 * Publishing a checklist version, scoped to what the publisher manages: a coordinator publishes into one
 * project they coordinate (`?projectId=`), whose members alone receive and use it; an administrator may
 * also publish for every project (no projectId), as the built-in forms are.
 */
export function formRoutes(app: FastifyInstance, database: Db): void {
  app.post('/api/forms', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(PublishQuery, request.query, 'publishing address');
    if (!access.isAdmin && coordinatedProjects(access).length === 0) throw forbidden('publishing checklists (coordinators only)');
    if (projectId === undefined && !access.isAdmin) {
      throw new ApiError(400, 'project_required', 'Say which of your projects the checklist is for (?projectId=...); only administrators publish for every project.');
    }
    if (projectId !== undefined && !isCoordinator(access, projectId)) throw forbidden("publishing this project's checklists (its coordinators only)");
    const result = await publishForm(database.db, request.body, projectId ?? null);
    request.log.info({ form: `${result.id}@${result.version}`, status: result.status }, 'form upload');
    return reply.status(result.status === 'published' ? 201 : 200).send(result);
  });

  app.get('/api/forms', async (request) => {
    const access = requireAccess(request);
    const memberOf = [...access.roles.keys()];
    const rows = await database.db
      .selectFrom('forms')
      .select(['id', 'version', 'published_at', 'project_id'])
      .$if(!access.isAdmin, (q) => q.where((eb) => eb.or([eb('project_id', 'is', null), ...(memberOf.length > 0 ? [eb('project_id', 'in', memberOf)] : [])])))
      .orderBy('id')
      .orderBy('version')
      .execute();
    return { forms: rows.map((r) => ({ id: r.id, version: r.version, publishedAt: r.published_at, projectId: r.project_id })) };
  });
}
