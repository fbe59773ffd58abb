import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { invitePerson } from '../domain/invitations.ts';
import { addProject, assignObserver, attachMember, listAssignments, listPeople, projectCase, revokeSessions, setUserDisabled } from '../domain/people.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireAdmin, requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';
import { USERNAME_PATTERN } from '../users.ts';

const ProjectParams = v.strictObject({ projectId: Uuid });
const UserParams = v.strictObject({ userId: Uuid });

const NewPerson = v.strictObject({
  username: v.pipe(Text, v.trim(), v.toLowerCase(), v.regex(USERNAME_PATTERN, 'a username is 2-64 lower-case letters, digits, dots, dashes or underscores')),
  displayName: v.optional(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200))),
  role: v.picklist(['observer', 'coordinator'], 'role is observer or coordinator'),
});

const Assignment = v.strictObject({ userId: Uuid, assigned: v.boolean() });

/** The `next` of the previous page. */
const Page = v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(2_000))) });

const NewProject = v.strictObject({ name: v.pipe(Text, v.trim(), v.minLength(1, 'the name is empty'), v.maxLength(200)) });

/**
 * Projects and their people: who coordinates and who observes, and which observers follow which case.
 * Coordinators of a project (and administrators) invite coordinators and observers; administrators also
 * attach accounts directly, create projects and disable accounts (src/server/domain/people.ts).
 */
export function peopleRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.post('/api/projects', async (request, reply) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const { name } = parseInput(NewProject, request.body, 'project');
    return reply.status(201).send(await addProject(db, apiActor(access.user.id), name));
  });

  app.get('/api/projects/:projectId/people', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    return listPeople(db, projectId);
  });

  // An invitation, whoever asks and whatever the name: the answer never tells whether the username exists,
  // and no account is made or attached until the invited person accepts (routes/invitations.ts).
  app.post('/api/projects/:projectId/people', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const input = parseInput(NewPerson, request.body, 'person');
    requireCoordinatorOf(access, projectId);
    const issued = await invitePerson(db, apiActor(access.user.id), { projectId, ...input });
    return reply.status(201).send({ username: input.username, role: input.role, code: issued.code, expiresAt: issued.expiresAt, acceptPath: `/invitation#code=${issued.code}` });
  });

  // An administrator attaches an account directly (or creates it, with a password shown once), as `npm run admin -- grant` does.
  app.post('/api/projects/:projectId/members', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const input = parseInput(NewPerson, request.body, 'person');
    requireAdmin(access);
    const user = await attachMember(db, apiActor(access.user.id), { projectId, ...input });
    return reply.status(user.password === undefined ? 200 : 201).send({ id: user.id, username: user.username, role: input.role, ...(user.password === undefined ? {} : { password: user.password }) });
  });

  app.get('/api/projects/:projectId/assignments', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const { cursor } = parseInput(Page, request.query, 'assignments page');
    requireCoordinatorOf(access, projectId);
    return listAssignments(db, projectId, cursor);
  });

  app.post('/api/projects/:projectId/cases/:caseId/observers', async (request) => {
    const access = requireAccess(request);
    const { projectId, caseId } = parseInput(v.strictObject({ projectId: Uuid, caseId: Uuid }), request.params, 'case address');
    const input = parseInput(Assignment, request.body, 'assignment');
    requireCoordinatorOf(access, projectId);
    const kase = await projectCase(db, projectId, caseId);
    const changed = await assignObserver(db, apiActor(access.user.id), { kase, userId: input.userId, assigned: input.assigned });
    return { ok: true, changed };
  });

  app.post('/api/users/:userId/revoke-sessions', async (request) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const { userId } = parseInput(UserParams, request.params, 'user id');
    return { ok: true, sessions: await revokeSessions(db, apiActor(access.user.id), userId) };
  });

  for (const [path, disabled] of [
    ['/api/users/:userId/disable', true],
    ['/api/users/:userId/enable', false],
  ] as const) {
    app.post(path, async (request) => {
      const access = requireAccess(request);
      requireAdmin(access);
      const { userId } = parseInput(UserParams, request.params, 'user id');
      await setUserDisabled(db, apiActor(access.user.id), userId, disabled);
      return { ok: true };
    });
  }
}
