import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { listForms, publishChecklist } from '../domain/forms.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/** Publishing a checklist version and listing them (src/server/domain/forms.ts). */
export function formRoutes(app: FastifyInstance, database: Db): void {
  // The definition itself is checked by the form loader (publishChecklist), which names every fault.
  registerRoute(app, contract.publishForm, async ({ query, body }, request, reply) => {
    const access = requireAccess(request);
    const result = await publishChecklist(database.db, access, body, query.projectId);
    request.log.info({ form: `${result.id}@${result.version}`, status: result.status }, 'form upload');
    void reply.status(result.status === 'published' ? 201 : 200);
    return result;
  });

  registerRoute(app, contract.listForms, async (_input, request) => {
    const access = requireAccess(request);
    return listForms(database.db, access);
  });
}
