import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { listReports, readReport } from '../domain/reports-reviews.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
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
}
