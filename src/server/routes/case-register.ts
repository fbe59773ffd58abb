import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { addPerson, editPerson, listPeople, registerCase, removePerson } from '../domain/case-register.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * A case's register of people (code, role, name), for the coordinators of the case's project: listed,
 * added, changed and removed. Removal is a POST with the entry's id (the API has no DELETE).
 */
export function caseRegisterRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.listCasePeople, async ({ params }, request) => {
    const kase = await registerCase(db, requireAccess(request), params.id);
    return { people: await listPeople(db, kase.id) };
  });

  registerRoute(app, contract.addCasePerson, async ({ params, body }, request) => {
    const access = requireAccess(request);
    const kase = await registerCase(db, access, params.id);
    return { person: await addPerson(db, access, kase, body) };
  });

  registerRoute(app, contract.editCasePerson, async ({ params, body }, request) => {
    const access = requireAccess(request);
    const kase = await registerCase(db, access, params.id);
    return { person: await editPerson(db, access, kase, params.personId, body) };
  });

  registerRoute(app, contract.removeCasePerson, async ({ params, body }, request) => {
    const access = requireAccess(request);
    const kase = await registerCase(db, access, params.id);
    await removePerson(db, access, kase, body.personId);
    return { ok: true as const };
  });
}
