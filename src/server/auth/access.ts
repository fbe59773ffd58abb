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
 * What a device token may do: sync and read as an observer. A token never carries coordinator or
 * administrator rights, so a phone lost in court cannot open the review screens of anybody's project.
 */
export async function loadDeviceAccess(db: Kysely<Database>, user: User, deviceId: string, wipeOnly = false): Promise<Access> {
  if (wipeOnly) return { user, isAdmin: false, roles: new Map(), deviceId, wipeOnly: true };
  const full = await loadAccess(db, user);
  return { user, isAdmin: false, roles: new Map([...full.roles].filter(([, role]) => role === 'observer')), deviceId };
}
