import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { listReadableSenders } from '../domain/readable-senders.ts';
import { listReports, readReport } from '../domain/reports-reviews.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { registerRoute } from '../http/register-route.ts';

/** The coordinator's view of received reports. Observers read their own reports through sync instead. */
export function reportRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.listReports, async ({ query: page }, request) => {
    const access = requireAccess(request);
    const projects = coordinatedProjects(access);
    if (!access.isAdmin && projects.length === 0) throw forbidden('reports_list');
    return listReports(db, access.isAdmin ? undefined : projects, page);
  });

  registerRoute(app, contract.getReport, async ({ params }, request) => {
    const access = requireAccess(request);
    return readReport(db, access, params.id);
  });

  // Sealed projects (s11): which devices still send readable versions to a sealed project.
  registerRoute(app, contract.listReadableSenders, async ({ params: { projectId } }, request) => {
    requireCoordinatorOf(requireAccess(request), projectId);
    return listReadableSenders(db, projectId);
  });
}
