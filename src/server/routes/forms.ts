import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { listForms, publishChecklist } from '../domain/forms.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

const PublishQuery = v.strictObject({ projectId: v.optional(Uuid) });

/** Publishing a checklist version and listing them (src/server/domain/forms.ts). */
export function formRoutes(app: FastifyInstance, database: Db): void {
  app.post('/api/forms', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(PublishQuery, request.query, 'publishing address');
    const result = await publishChecklist(database.db, access, request.body, projectId);
    request.log.info({ form: `${result.id}@${result.version}`, status: result.status }, 'form upload');
    return reply.status(result.status === 'published' ? 201 : 200).send(result);
  });

  app.get('/api/forms', async (request) => {
    const access = requireAccess(request);
    return listForms(database.db, access);
  });
}
