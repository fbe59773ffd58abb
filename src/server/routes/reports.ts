import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { listReports, readReport } from '../domain/reports-reviews.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

/** A page of the reports list: the screen loads pages of 1,000 until it has them all, showing progress. */
const ReportPage = v.strictObject({
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'offset must be a whole number'), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(1_000, 'at most 1,000 reports a page')), '200'),
});

/** The coordinator's view of received reports. Observers read their own reports through sync instead. */
export function reportRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/reports', async (request) => {
    const access = requireAccess(request);
    const projects = coordinatedProjects(access);
    if (!access.isAdmin && projects.length === 0) throw forbidden('reports_list');
    const page = parseInput(ReportPage, request.query, 'reports page');
    return listReports(db, access.isAdmin ? undefined : projects, page);
  });

  app.get('/api/reports/:id', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    return readReport(db, access, id);
  });
}
