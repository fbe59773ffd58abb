import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { Uuid } from '../../core/sync/protocol.ts';
import { setCaseObserver } from '../assignments.ts';
import { audit } from '../audit/audit-log.ts';
import { issueInvitation } from '../auth/invitations.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import type { Db } from '../db/connect.ts';
import { ApiError, notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireAdmin, requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';
import { addMember, createProject, createUser, setDisabled, USERNAME_PATTERN, UserInputError } from '../users.ts';

const ProjectParams = v.strictObject({ projectId: Uuid });
const UserParams = v.strictObject({ userId: Uuid });

const NewPerson = v.strictObject({
  username: v.pipe(Text, v.trim(), v.toLowerCase(), v.regex(USERNAME_PATTERN, 'a username is 2-64 lower-case letters, digits, dots, dashes or underscores')),
  displayName: v.optional(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200))),
  role: v.picklist(['observer', 'coordinator'], 'role is observer or coordinator'),
});

const Assignment = v.strictObject({ userId: Uuid, assigned: v.boolean() });

const NewProject = v.strictObject({ name: v.pipe(Text, v.trim(), v.minLength(1, 'the name is empty'), v.maxLength(200)) });

/** Turns the account helpers' input errors into the API's 400/409. */
function asApiError(error: unknown): never {
  if (error instanceof UserInputError) throw new ApiError(error.message.includes('taken') || error.message.includes('exists') ? 409 : 400, 'invalid_input', error.message);
  throw error;
}

/**
 * Projects and their people: who coordinates and who observes, and which observers follow which case.
 * Coordinators of a project (and administrators) invite coordinators and observers; administrators also
 * attach accounts directly, create projects and disable accounts.
 */
export function peopleRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.post('/api/projects', async (request, reply) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const { name } = parseInput(NewProject, request.body, 'project');
    const id = await createProject(db, name).catch(asApiError);
    await audit(db, { actorId: access.user.id, action: 'project.created', projectId: id, target: id });
    return reply.status(201).send({ id, name });
  });

  app.get('/api/projects/:projectId/people', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.username', 'users.display_name', 'users.disabled_at', 'memberships.role'])
      .where('memberships.project_id', '=', projectId)
      .orderBy('memberships.role')
      .orderBy('users.username')
      .execute();
    return { people: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled_at !== null })) };
  });

  // An invitation, whoever asks and whatever the name: the answer never tells whether the username exists,
  // and no account is made or attached until the invited person accepts (routes/invitations.ts).
  app.post('/api/projects/:projectId/people', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const input = parseInput(NewPerson, request.body, 'person');
    requireCoordinatorOf(access, projectId);
    if ((await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst()) === undefined) throw notFound('The project');
    const issued = await issueInvitation(db, { projectId, username: input.username, displayName: input.displayName, role: input.role, createdBy: access.user.id });
    await audit(db, { actorId: access.user.id, action: 'invitation.created', projectId, detail: { role: input.role } });
    return reply.status(201).send({ username: input.username, role: input.role, code: issued.code, expiresAt: issued.expiresAt, acceptPath: `/invitation#code=${issued.code}` });
  });

  // An administrator attaches an account directly (or creates it, with a password shown once), as `npm run admin -- grant` does.
  app.post('/api/projects/:projectId/members', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const input = parseInput(NewPerson, request.body, 'person');
    requireAdmin(access);
    if ((await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst()) === undefined) throw notFound('The project');
    const existing = await db.selectFrom('users').select(['id', 'username']).where('username', '=', input.username).executeTakeFirst();
    const created = existing === undefined ? await createUser(db, { username: input.username, ...(input.displayName === undefined ? {} : { displayName: input.displayName }) }).catch(asApiError) : undefined;
    const user = existing ?? { id: created?.id ?? '', username: input.username };
    await addMember(db, projectId, user.id, input.role);
    if (created !== undefined) await audit(db, { actorId: access.user.id, action: 'user.created', projectId, target: user.id });
    await audit(db, { actorId: access.user.id, action: 'role.granted', projectId, target: user.id, detail: { role: input.role } });
    return reply.status(created === undefined ? 200 : 201).send({ id: user.id, username: user.username, role: input.role, ...(created === undefined ? {} : { password: created.password }) });
  });

  app.get('/api/projects/:projectId/assignments', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    const cases = await db.selectFrom('cases').select(['id', 'code', 'court']).where('project_id', '=', projectId).orderBy('code').limit(5_000).execute();
    const links = await db
      .selectFrom('case_observers')
      .innerJoin('cases', 'cases.id', 'case_observers.case_id')
      .select(['case_observers.case_id', 'case_observers.user_id'])
      .where('cases.project_id', '=', projectId)
      .execute();
    return { cases: cases.map((c) => ({ ...c, observers: links.filter((l) => l.case_id === c.id).map((l) => l.user_id) })) };
  });

  app.post('/api/projects/:projectId/cases/:caseId/observers', async (request) => {
    const access = requireAccess(request);
    const { projectId, caseId } = parseInput(v.strictObject({ projectId: Uuid, caseId: Uuid }), request.params, 'case address');
    const input = parseInput(Assignment, request.body, 'assignment');
    requireCoordinatorOf(access, projectId);
    const kase = await db.selectFrom('cases').select(['id', 'project_id']).where('id', '=', caseId).where('project_id', '=', projectId).executeTakeFirst();
    if (kase === undefined) throw notFound('The case');
    const member = await db.selectFrom('memberships').select('role').where('project_id', '=', projectId).where('user_id', '=', input.userId).executeTakeFirst();
    if (member?.role !== 'observer') throw new ApiError(400, 'not_an_observer', 'Only observers of this project can be assigned to its cases.');
    const changed = await setCaseObserver(db, kase, input.userId, input.assigned);
    if (changed) await audit(db, { actorId: access.user.id, action: input.assigned ? 'case.observer_assigned' : 'case.observer_unassigned', projectId, target: caseId, detail: { userId: input.userId } });
    return { ok: true, changed };
  });

  app.post('/api/users/:userId/revoke-sessions', async (request) => {
    const access = requireAccess(request);
    requireAdmin(access);
    const { userId } = parseInput(UserParams, request.params, 'user id');
    const count = await revokeUserSessions(db, userId);
    await audit(db, { actorId: access.user.id, action: 'auth.sessions_revoked', target: userId, detail: { sessions: count } });
    return { ok: true, sessions: count };
  });

  for (const [path, disabled] of [
    ['/api/users/:userId/disable', true],
    ['/api/users/:userId/enable', false],
  ] as const) {
    app.post(path, async (request) => {
      const access = requireAccess(request);
      requireAdmin(access);
      const { userId } = parseInput(UserParams, request.params, 'user id');
      if ((await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) === undefined) throw notFound('The user');
      if (userId === access.user.id) throw new ApiError(400, 'cannot_disable_self', 'You cannot disable your own account.');
      await setDisabled(db, userId, disabled);
      await audit(db, { actorId: access.user.id, action: disabled ? 'user.disabled' : 'user.enabled', target: userId });
      return { ok: true };
    });
  }
}
