import type { FastifyInstance } from 'fastify';
import { CaseParams, PersonInput, PersonParams, RemovePersonInput } from '../../core/api/case-register.ts';
import type { Db } from '../db/connect.ts';
import { addPerson, editPerson, listPeople, registerCase, removePerson } from '../domain/case-register.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

/**
 * A case's register of people (code, role, name), for the coordinators of the case's project: listed,
 * added, changed and removed. Removal is a POST with the entry's id (the API has no DELETE).
 */
export function caseRegisterRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/cases/:id/people', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const kase = await registerCase(db, access, id);
    return { people: await listPeople(db, kase.id) };
  });

  app.post('/api/cases/:id/people', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const input = parseInput(PersonInput, request.body, 'register entry');
    const kase = await registerCase(db, access, id);
    return { person: await addPerson(db, access, kase, input) };
  });

  app.put('/api/cases/:id/people/:personId', async (request) => {
    const access = requireAccess(request);
    const params = parseInput(PersonParams, request.params, 'register entry address');
    const input = parseInput(PersonInput, request.body, 'register entry');
    const kase = await registerCase(db, access, params.id);
    return { person: await editPerson(db, access, kase, params.personId, input) };
  });

  app.post('/api/cases/:id/people/remove', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const { personId } = parseInput(RemovePersonInput, request.body, 'removal');
    const kase = await registerCase(db, access, id);
    await removePerson(db, access, kase, personId);
    return { ok: true as const };
  });
}
