import type { FastifyInstance } from 'fastify';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { publishForm } from '../forms/publish-form.ts';

/** Publishing a checklist version. Forms are shared by every project on this server, so any coordinator may publish. */
export function formRoutes(app: FastifyInstance, database: Db): void {
  app.post('/api/forms', async (request, reply) => {
    const access = requireAccess(request);
    if (!access.isAdmin && coordinatedProjects(access).length === 0) throw forbidden('publishing checklists (coordinators only)');
    const result = await publishForm(database.db, request.body);
    request.log.info({ form: `${result.id}@${result.version}`, status: result.status }, 'form upload');
    return reply.status(result.status === 'published' ? 201 : 200).send(result);
  });

  app.get('/api/forms', async (request) => {
    requireAccess(request);
    const rows = await database.db.selectFrom('forms').select(['id', 'version', 'published_at']).orderBy('id').orderBy('version').execute();
    return { forms: rows.map((r) => ({ id: r.id, version: r.version, publishedAt: r.published_at })) };
  });
}
