import type { Kysely } from 'kysely';
import type { Database, ProjectRole, User } from '../db/schema.ts';

/** What one signed-in user may do: their role in each project. Administrators may do everything. */
export interface Access {
  readonly user: User;
  readonly isAdmin: boolean;
  readonly roles: ReadonlyMap<string, ProjectRole>;
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
