import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { invitePerson } from '../domain/invitations.ts';
import { addProject, assignObserver, attachMember, listAssignments, listPeople, projectCase, revokeSessions, setUserDisabled } from '../domain/people.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireAdmin, requireCoordinatorOf } from '../http/project-access.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * Projects and their people: who coordinates and who observes, and which observers follow which case.
 * Coordinators of a project (and administrators) invite coordinators and observers; administrators also
 * attach accounts directly, create projects and disable accounts (src/server/domain/people.ts).
 */
export function peopleRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.createProject, async ({ body: { name } }, request, reply) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const project = await addProject(db, apiActor(access.user.id), name);
    void reply.status(201);
    return project;
  });

  registerRoute(app, contract.listPeople, async ({ params: { projectId } }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    return listPeople(db, projectId);
  });

  // An invitation, whoever asks and whatever the name: the answer never tells whether the username exists,
  // and no account is made or attached until the invited person accepts (routes/invitations.ts).
  registerRoute(app, contract.invitePerson, async ({ params: { projectId }, body: input }, request, reply) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    const issued = await invitePerson(db, apiActor(access.user.id), { projectId, ...input });
    void reply.status(201);
    return { username: input.username, role: input.role, code: issued.code, expiresAt: issued.expiresAt, acceptPath: `/invitation#code=${issued.code}` };
  });

  // An administrator attaches an account directly (or creates it, with a password shown once), as `npm run admin -- grant` does.
  registerRoute(app, contract.addMember, async ({ params: { projectId }, body: input }, request, reply) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const user = await attachMember(db, apiActor(access.user.id), { projectId, ...input });
    void reply.status(user.password === undefined ? 200 : 201);
    return { id: user.id, username: user.username, role: input.role, ...(user.password === undefined ? {} : { password: user.password }) };
  });

  registerRoute(app, contract.listAssignments, async ({ params: { projectId }, query: { cursor } }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    return listAssignments(db, projectId, cursor);
  });

  registerRoute(app, contract.assignObserver, async ({ params: { projectId, caseId }, body: input }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    const kase = await projectCase(db, projectId, caseId);
    const changed = await assignObserver(db, apiActor(access.user.id), { kase, userId: input.userId, assigned: input.assigned });
    return { ok: true, changed };
  });

  registerRoute(app, contract.revokeUserSessions, async ({ params: { userId } }, request) => {
    const access = requireAccess(request);
    requireAdmin(access);
    return { ok: true, sessions: await revokeSessions(db, apiActor(access.user.id), userId) };
  });

  for (const [entry, disabled] of [
    [contract.disableUser, true],
    [contract.enableUser, false],
  ] as const) {
    registerRoute(app, entry, async ({ params: { userId } }, request) => {
      const access = requireAccess(request);
      requireAdmin(access);
      await setUserDisabled(db, apiActor(access.user.id), userId, disabled);
      return { ok: true };
    });
  }
}
