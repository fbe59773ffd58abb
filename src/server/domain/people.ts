import type { Kysely } from 'kysely';
import { setCaseObserver } from '../assignments.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import type { Database, ProjectRole } from '../db/schema.ts';
import { apiError, notFound } from '../errors.ts';
import { addMember, createProject, createUser, setDisabled } from '../users.ts';
import { cliActor, record, type Actor } from './audit.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { inTransaction } from './transaction.ts';

/**
 * People and projects: accounts, roles, case assignments, sessions. The API routes (routes/people.ts,
 * routes/invitations.ts) and `npm run admin` call these, so each operation exists once, in one
 * transaction with its audit entry. `users.ts` and `assignments.ts` hold the bare row operations they use.
 */

/** POST /api/projects and `admin add-project`. Body: { name }. Answer: { id, name } (201). */
export async function addProject(db: Kysely<Database>, actor: Actor, name: string): Promise<{ id: string; name: string }> {
  return inTransaction(db, async (trx) => {
    const id = await createProject(trx, name);
    await record(trx, actor, { action: 'project.created', projectId: id, target: id });
    return { id, name: name.trim() };
  });
}

export async function requireProject(db: Kysely<Database>, projectId: string): Promise<void> {
  if ((await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst()) === undefined) throw notFound('project');
}

/** GET /api/projects/:projectId/people. Answer: { people: { id, username, displayName, role, disabled }[] }. */
export async function listPeople(db: Kysely<Database>, projectId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.disabled_at', 'memberships.role'])
    .where('memberships.project_id', '=', projectId)
    .orderBy('memberships.role')
    .orderBy('users.username')
    .execute();
  return { people: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled_at !== null })) };
}

/** Gives an existing account a role in a project (`admin grant`, an accepted invitation, POST .../members). */
export async function grantRole(db: Kysely<Database>, actor: Actor, input: { readonly projectId: string; readonly userId: string; readonly role: ProjectRole }): Promise<void> {
  await inTransaction(db, async (trx) => {
    await addMember(trx, input.projectId, input.userId, input.role);
    await record(trx, actor, { action: 'role.granted', projectId: input.projectId, target: input.userId, detail: { role: input.role } });
  });
}

/**
 * `admin add-user` (and POST .../members for a new name): creates the account with a generated password
 * (or the one given), returned once, and gives it its role; one transaction with both audit entries.
 */
export async function addPerson(
  db: Kysely<Database>,
  actor: Actor,
  input: { readonly projectId: string; readonly username: string; readonly displayName?: string | undefined; readonly role: ProjectRole; readonly password?: string | undefined },
): Promise<{ id: string; username: string; password: string }> {
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, { username: input.username, ...(input.displayName === undefined ? {} : { displayName: input.displayName }), ...(input.password === undefined ? {} : { password: input.password }) });
    await record(trx, actor, { action: 'user.created', projectId: input.projectId, target: user.id });
    await grantRole(trx, actor, { projectId: input.projectId, userId: user.id, role: input.role });
    return user;
  });
}

/** `admin add-admin`: an administrator (all projects), with a password shown once. */
export async function addAdministrator(db: Kysely<Database>, actor: Actor, input: { readonly username: string; readonly displayName?: string | undefined }): Promise<{ id: string; username: string; password: string }> {
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, { username: input.username, isAdmin: true, ...(input.displayName === undefined ? {} : { displayName: input.displayName }) });
    await record(trx, actor, { action: 'user.created', target: user.id, detail: { admin: true } });
    return user;
  });
}

/**
 * The first start on an empty database (bootstrap.ts): the administrator "admin" with a generated
 * password (returned once, for the operator), a first project and the administrator as its coordinator,
 * with their audit entries, in one transaction. Nobody is signed in yet, so the entries have no actor
 * (the audit screen says "command line", like the operator's other commands) and say `firstRun`.
 * Returns undefined, changing nothing, when any account exists.
 */
export async function setUpFirstAdministrator(db: Kysely<Database>, projectName: string): Promise<{ username: string; password: string } | undefined> {
  return inTransaction(db, async (trx) => {
    const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyone !== undefined) return undefined;
    const actor = cliActor();
    const admin = await createUser(trx, { username: 'admin', displayName: 'Administrator', isAdmin: true });
    await record(trx, actor, { action: 'user.created', target: admin.id, detail: { admin: true, firstRun: true } });
    const project = await addProject(trx, actor, projectName);
    await grantRole(trx, actor, { projectId: project.id, userId: admin.id, role: 'coordinator' });
    return { username: admin.username, password: admin.password };
  });
}

/**
 * POST /api/projects/:projectId/members (administrators): attaches an existing account, or creates it.
 * Body: { username, displayName?, role }. Answer: { id, username, role, password? } (201 with the password when created).
 */
export async function attachMember(
  db: Kysely<Database>,
  actor: Actor,
  input: { readonly projectId: string; readonly username: string; readonly displayName?: string | undefined; readonly role: ProjectRole },
): Promise<{ id: string; username: string; password?: string }> {
  return inTransaction(db, async (trx) => {
    await requireProject(trx, input.projectId);
    const existing = await trx.selectFrom('users').select(['id', 'username']).where('username', '=', input.username).executeTakeFirst();
    if (existing === undefined) return addPerson(trx, actor, input);
    await grantRole(trx, actor, { projectId: input.projectId, userId: existing.id, role: input.role });
    return existing;
  });
}

/** Cases a page of GET /api/projects/:projectId/assignments holds. */
export const ASSIGNMENT_PAGE_SIZE = 1_000;

/**
 * GET /api/projects/:projectId/assignments: the project's cases by code, with their observers' ids.
 * Query: cursor? (the `next` of the previous page). Answer: { cases: { id, code, court, observers: string[] }[], next: string | null }.
 * (It stopped silently at 5,000 cases before.)
 */
export async function listAssignments(db: Kysely<Database>, projectId: string, cursor?: string, limit = ASSIGNMENT_PAGE_SIZE) {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, 2);
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'code', 'court'])
    .where('project_id', '=', projectId)
    .$if(after !== undefined, (q) => q.where((eb) => eb.or([eb('code', '>', after?.[0] ?? ''), eb.and([eb('code', '=', after?.[0] ?? ''), eb('id', '>', after?.[1] ?? '')])])))
    .orderBy('code')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = cases.slice(0, limit);
  const ids = page.map((c) => c.id);
  const links = ids.length === 0 ? [] : await db.selectFrom('case_observers').select(['case_id', 'user_id']).where('case_id', 'in', ids).execute();
  const last = page.at(-1);
  return {
    cases: page.map((c) => ({ ...c, observers: links.filter((l) => l.case_id === c.id).map((l) => l.user_id) })),
    next: cases.length > limit && last !== undefined ? encodeCursor([last.code, last.id]) : null,
  };
}

/**
 * POST /api/projects/:projectId/cases/:caseId/observers and `admin assign`: puts an observer of the
 * case's project on the case or takes them off. Answer: { ok: true, changed }.
 */
export async function assignObserver(db: Kysely<Database>, actor: Actor, input: { readonly kase: { readonly id: string; readonly project_id: string }; readonly userId: string; readonly assigned: boolean }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const member = await trx.selectFrom('memberships').select('role').where('project_id', '=', input.kase.project_id).where('user_id', '=', input.userId).executeTakeFirst();
    if (member?.role !== 'observer') throw apiError('not_an_observer', {});
    const changed = await setCaseObserver(trx, input.kase, input.userId, input.assigned);
    if (changed) await record(trx, actor, { action: input.assigned ? 'case.observer_assigned' : 'case.observer_unassigned', projectId: input.kase.project_id, target: input.kase.id, detail: { userId: input.userId } });
    return changed;
  });
}

/** A case of this project, or 404. */
export async function projectCase(db: Kysely<Database>, projectId: string, caseId: string): Promise<{ id: string; project_id: string }> {
  const kase = await db.selectFrom('cases').select(['id', 'project_id']).where('id', '=', caseId).where('project_id', '=', projectId).executeTakeFirst();
  if (kase === undefined) throw notFound('case');
  return kase;
}

/** POST /api/users/:userId/revoke-sessions and `admin revoke-sessions`. Answer: { ok: true, sessions }. */
export async function revokeSessions(db: Kysely<Database>, actor: Actor, userId: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const count = await revokeUserSessions(trx, userId);
    await record(trx, actor, { action: 'auth.sessions_revoked', target: userId, detail: { sessions: count } });
    return count;
  });
}

/**
 * POST /api/users/:userId/disable|enable and `admin disable-user|enable-user`: a disabled user can
 * neither sign in nor sync, and their sessions end now. Nobody disables their own account. Answer: { ok: true }.
 */
export async function setUserDisabled(db: Kysely<Database>, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  await inTransaction(db, async (trx) => {
    if ((await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) === undefined) throw notFound('user');
    if (userId === actor.userId) throw apiError('cannot_disable_self', {});
    await setDisabled(trx, userId, disabled);
    await record(trx, actor, { action: disabled ? 'user.disabled' : 'user.enabled', target: userId });
  });
}

/** `admin reset-password`: a new generated password, returned once; the user's sessions end with the old one. */
export async function resetPassword(db: Kysely<Database>, actor: Actor, userId: string): Promise<string> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    const sessions = await revokeUserSessions(trx, userId);
    await record(trx, actor, { action: 'auth.password_reset', target: userId, detail: { sessions } });
  });
  return password;
}

/** `admin list users`: accounts with their roles, one line per role. */
export async function listUsersWithRoles(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .leftJoin('projects', 'projects.id', 'memberships.project_id')
    .select(['users.username', 'users.is_admin', 'users.disabled_at', 'memberships.role', 'projects.name'])
    .orderBy('users.username')
    .execute();
}

/** `admin list projects`. */
export async function listProjects(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('projects').select(['id', 'name']).orderBy('name').execute();
}
