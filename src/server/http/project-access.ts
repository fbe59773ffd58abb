import type { Access } from '../auth/access.ts';
import { isCoordinator } from '../auth/access.ts';
import { forbidden } from '../errors.ts';

/** Coordinators of the project and administrators manage its people and devices; everyone else gets 403. */
export function requireCoordinatorOf(access: Access, projectId: string): void {
  if (!isCoordinator(access, projectId)) throw forbidden('project_people');
}

export function requireAdmin(access: Access): void {
  if (!access.isAdmin) throw forbidden('admin_only');
}
