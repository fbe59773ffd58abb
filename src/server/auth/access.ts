import type { Kysely } from 'kysely';
import type { Database, ProjectRole, User } from '../db/schema.ts';
import { compiledOnce } from '../db/compiled-once.ts';
import { hashSecret } from './secret-hash.ts';

/** What one signed-in user may do: their role in each project. Administrators may do everything. */
export interface Access {
  readonly user: User;
  readonly isAdmin: boolean;
  readonly roles: ReadonlyMap<string, ProjectRole>;
  /** Set when the request came with a device token: that device, and observer rights only. */
  readonly deviceId?: string;
  /** A revoked device with a wipe waiting: it may only fetch and acknowledge its commands (requireCommandAccess). */
  readonly wipeOnly?: true;
}

export async function loadAccess(db: Kysely<Database>, user: User): Promise<Access> {
  const rows = await db.selectFrom('memberships').select(['project_id', 'role']).where('user_id', '=', user.id).execute();
  return { user, isAdmin: user.is_admin === 1, roles: new Map(rows.map((r) => [r.project_id, r.role])) };
}

const sessionAccessRows = compiledOnce((db, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .selectAll('users')
    .select(['memberships.project_id as member_of', 'memberships.role as member_role'])
    .where('sessions.id', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null),
);

/**
 * The caller behind a session token, with their roles, in one statement (every signed-in request makes
 * it, so the session and the memberships are read together: one round trip instead of two). Undefined
 * when the token is unknown, expired or revoked, or the user is disabled.
 */
export async function accessForSession(db: Kysely<Database>, token: string, now = new Date()): Promise<Access | undefined> {
  const rows = await sessionAccessRows(db, hashSecret(token), now.toISOString());
  const first = rows[0];
  if (first === undefined) return undefined;
  const { member_of: _project, member_role: _role, ...user } = first;
  const roles = new Map<string, ProjectRole>();
  for (const row of rows) if (row.member_of !== null && row.member_role !== null) roles.set(row.member_of, row.member_role);
  return { user, isAdmin: user.is_admin === 1, roles };
}

export function isMember(access: Access, projectId: string): boolean {
  return access.isAdmin || access.roles.has(projectId);
}

export function isCoordinator(access: Access, projectId: string): boolean {
  return access.isAdmin || access.roles.get(projectId) === 'coordinator';
}

export function coordinatedProjects(access: Access): string[] {
  return [...access.roles].filter(([, role]) => role === 'coordinator').map(([id]) => id);
}

/**
 * What a device token may do: sync and read as an observer of the one project that enrolled it. A token
 * never carries coordinator or administrator rights, so a phone lost in court cannot open the review
 * screens of anybody's project; and it never reaches the person's other projects, so an enrolment issued
 * by one project's coordinator gives nothing of another (SECURITY.md, tenancy). A device without an
 * enrolling project (none is issued so) gets no project at all.
 */
export async function loadDeviceAccess(db: Kysely<Database>, user: User, deviceId: string, projectId: string | null, wipeOnly = false): Promise<Access> {
  if (wipeOnly || projectId === null) return { user, isAdmin: false, roles: new Map(), deviceId, ...(wipeOnly ? { wipeOnly: true as const } : {}) };
  const [row] = await deviceMembershipRow(db, user.id, projectId);
  return { user, isAdmin: false, roles: new Map(row?.role === 'observer' ? [[projectId, 'observer' as const]] : []), deviceId };
}

/** Every request of an enrolled phone reads its membership so: compiled once (compiled-once.ts). */
const deviceMembershipRow = compiledOnce((db, userId: string, projectId: string) =>
  db.selectFrom('memberships').select('role').where('user_id', '=', userId).where('project_id', '=', projectId),
);

/**
 * Whether the caller may read a report (and its thread and files): its project's coordinators, and its
 * author while still in that project; through a device, only inside the device's project.
 */
export function mayReadOwnOrCoordinated(access: Access, item: { readonly project_id: string; readonly author_id: string }): boolean {
  return isCoordinator(access, item.project_id) || (item.author_id === access.user.id && isMember(access, item.project_id));
}
