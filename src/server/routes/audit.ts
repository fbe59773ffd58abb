import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { AUDIT_PAGE_SIZE, listAudit } from '../domain/audit.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { registerRoute } from '../http/register-route.ts';

export { AUDIT_PAGE_SIZE };

/**
 * The audit log, newest first, a page at a time. Coordinators read their projects' entries;
 * administrators read everything, including entries of no project (sign-ins, account changes).
 */
export function auditRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.listAudit, async ({ query }, request) => {
    const access = requireAccess(request);
    if (query.project !== undefined) requireCoordinatorOf(access, query.project);
    const projects = query.project !== undefined ? [query.project] : access.isAdmin ? undefined : coordinatedProjects(access);
    if (projects !== undefined && projects.length === 0) throw forbidden('audit_log');
    return listAudit(db, { projects, before: query.before, limit: query.limit ?? AUDIT_PAGE_SIZE, kind: query.kind });
  });
}
