import type { Kysely } from 'kysely';
import type { Database, ProjectRole, User } from '../db/schema.ts';

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
  const row = await db.selectFrom('memberships').select('role').where('user_id', '=', user.id).where('project_id', '=', projectId).executeTakeFirst();
  return { user, isAdmin: false, roles: new Map(row?.role === 'observer' ? [[projectId, 'observer' as const]] : []), deviceId };
}

/**
 * Whether the caller may read a report (and its thread and files): its project's coordinators, and its
 * author while still in that project; through a device, only inside the device's project.
 */
export function mayReadOwnOrCoordinated(access: Access, item: { readonly project_id: string; readonly author_id: string }): boolean {
  return isCoordinator(access, item.project_id) || (item.author_id === access.user.id && isMember(access, item.project_id));
}
