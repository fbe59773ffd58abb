import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects, mayReadOwnOrCoordinated } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { forbidden, notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';
import { toReportRecord } from '../sync/records.ts';

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
    if (!access.isAdmin && projects.length === 0) throw forbidden('the reports list (coordinators only)');
    const page = parseInput(ReportPage, request.query, 'reports page');
    const total = await db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(!access.isAdmin, (q) => q.where('reports.project_id', 'in', projects))
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('reports')
      .innerJoin('cases', 'cases.id', 'reports.case_id')
      .innerJoin('users', 'users.id', 'reports.author_id')
      .innerJoin('projects', 'projects.id', 'reports.project_id')
      .select([
        'reports.id',
        'reports.form_id',
        'reports.form_version',
        'reports.hearing_date',
        'reports.version',
        'reports.received_at',
        'reports.updated_at',
        'cases.code as case_code',
        'cases.court',
        'users.display_name as author',
        'projects.name as project',
      ])
      .$if(!access.isAdmin, (q) => q.where('reports.project_id', 'in', projects))
      .orderBy('reports.updated_at', 'desc')
      .orderBy('reports.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return {
      total: total.n,
      offset: page.offset,
      reports: rows.map((r) => ({
        id: r.id,
        formId: r.form_id,
        formVersion: r.form_version,
        hearingDate: r.hearing_date,
        version: r.version,
        receivedAt: r.received_at,
        updatedAt: r.updated_at,
        caseCode: r.case_code,
        court: r.court,
        author: r.author,
        project: r.project,
      })),
    };
  });

  app.get('/api/reports/:id', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const row = await db
      .selectFrom('reports')
      .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
      .innerJoin('cases', 'cases.id', 'reports.case_id')
      .innerJoin('users', 'users.id', 'reports.author_id')
      .innerJoin('forms', (j) => j.onRef('forms.id', '=', 'reports.form_id').onRef('forms.version', '=', 'reports.form_version'))
      .selectAll('reports')
      .select(['report_versions.answers', 'report_versions.reason', 'cases.code as case_code', 'cases.court', 'users.display_name as author', 'forms.definition'])
      .where('reports.id', '=', id)
      .executeTakeFirst();
    // Observers may read their own report; coordinators those of their projects. Others learn nothing, not even that it exists.
    if (row === undefined || !mayReadOwnOrCoordinated(access, row)) throw notFound('The report');
    return {
      report: toReportRecord(row),
      /** Why the observer amended the report into this version; null for a first version. */
      reason: row.reason,
      caseCode: row.case_code,
      court: row.court,
      author: row.author,
      form: JSON.parse(row.definition) as unknown,
    };
  });
}
