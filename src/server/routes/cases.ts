import type { FastifyInstance } from 'fastify';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { audit } from '../audit/audit-log.ts';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';
import { loadCaseBundle } from './case-bundle.ts';

const IsoDate = v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'));

const CaseFilter = v.strictObject({
  project: v.optional(Uuid),
  court: v.optional(v.pipe(v.string(), v.maxLength(200))),
  observer: v.optional(Uuid),
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  concerns: v.optional(v.picklist(['1', '0'])),
  /** Cases with at least one report in this review state (a report nobody reviewed yet is "received"). */
  status: v.optional(v.picklist(['received', 'needs_clarification', 'approved'], 'status is received, needs_clarification or approved')),
  q:  v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
});

const Decision = v.strictObject({
  reportId: Uuid,
  path: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  decision: v.picklist(['confirmed', 'dismissed', 'open'], 'decision is confirmed, dismissed or open'),
  note: v.optional(v.pipe(v.string(), v.maxLength(5_000)), ''),
});

const Assessment = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(20_000, 'an assessment has at most 20,000 characters')),
  grade: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
});

/**
 * Case-insensitive "contains" that behaves the same on SQLite and PostgreSQL: wildcards in the search
 * text are escaped (a search for "50%" finds "50%"), and both sides are lower-cased.
 */
function contains(column: 'cases.code' | 'cases.court' | 'comments.body', text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** The projects whose cases this user may review, or undefined for an administrator (all). */
function reviewableProjects(access: Access): string[] | undefined {
  if (access.isAdmin) return undefined;
  const projects = coordinatedProjects(access);
  if (projects.length === 0) throw forbidden('cases (coordinators only)');
  return projects;
}

/** A case the coordinator may review; otherwise 404, so nothing is learned about other projects' cases. */
async function reviewableCase(db: Kysely<Database>, access: Access, caseId: string): Promise<{ id: string; project_id: string }> {
  const kase = await db.selectFrom('cases').select(['id', 'project_id']).where('id', '=', caseId).executeTakeFirst();
  if (kase === undefined || !isCoordinator(access, kase.project_id)) throw notFound('The case');
  return kase;
}

/** The coordinator's cases: the filtered list, one case with everything behind its findings, and decisions on them. */
export function caseRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/cases', async (request) => {
    const access = requireAccess(request);
    const projects = reviewableProjects(access);
    const filter = parseInput(CaseFilter, request.query, 'case filter');
    const rows = await db
      .selectFrom('cases')
      .innerJoin('projects', 'projects.id', 'cases.project_id')
      .leftJoin('reports', 'reports.case_id', 'cases.id')
      .select((eb) => [
        'cases.id',
        'cases.code',
        'cases.court',
        'cases.updated_at',
        'projects.name as project',
        eb.fn.count<number>('reports.id').as('report_count'),
        eb.fn.max('reports.hearing_date').as('last_hearing'),
        eb.fn.sum<number | null>('reports.concern_count').as('concerns'),
      ])
      .$if(projects !== undefined, (q) => q.where('cases.project_id', 'in', projects ?? []))
      .$if(filter.project !== undefined, (q) => q.where('cases.project_id', '=', filter.project ?? ''))
      .$if(filter.court !== undefined, (q) => q.where(contains('cases.court', filter.court ?? '')))
      .$if(filter.q !== undefined && filter.q !== '', (q) =>
        q.where((eb) =>
          eb.or([
            contains('cases.code', filter.q ?? ''),
            contains('cases.court', filter.q ?? ''),
            eb('cases.id', 'in', db.selectFrom('comments').innerJoin('reports as commented', 'commented.id', 'comments.report_id').select('commented.case_id').where(contains('comments.body', filter.q ?? ''))),
          ]),
        ),
      )
      .$if(filter.status !== undefined, (q) =>
        q.where(
          'cases.id',
          'in',
          db
            .selectFrom('reports as reviewed')
            .leftJoin('reviews', 'reviews.report_id', 'reviewed.id')
            .select('reviewed.case_id')
            .where((eb) => eb(eb.fn.coalesce('reviews.status', eb.val('received')), '=', filter.status ?? 'received')),
        ),
      )
      .$if(filter.observer !== undefined, (q) => q.where('cases.id', 'in', db.selectFrom('case_observers').select('case_id').where('user_id', '=', filter.observer ?? '')))
      .$if(filter.from !== undefined || filter.to !== undefined, (q) =>
        q.where('cases.id', 'in', db.selectFrom('reports').select('case_id').where('hearing_date', '>=', filter.from ?? '0000-01-01').where('hearing_date', '<=', filter.to ?? '9999-12-31')),
      )
      .groupBy(['cases.id', 'cases.code', 'cases.court', 'cases.updated_at', 'projects.name'])
      .$if(filter.concerns === '1', (q) => q.having((eb) => eb.fn.sum('reports.concern_count'), '>', 0))
      .$if(filter.concerns === '0', (q) => q.having((eb) => eb.fn.coalesce(eb.fn.sum('reports.concern_count'), eb.lit(0)), '=', 0))
      .orderBy('cases.updated_at', 'desc')
      .limit(1_000)
      .execute();
    const projectRows = await db
      .selectFrom('projects')
      .select(['id', 'name'])
      .$if(projects !== undefined, (q) => q.where('id', 'in', projects ?? []))
      .orderBy('name')
      .execute();
    const observerRows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.display_name'])
      .distinct()
      .where('memberships.role', '=', 'observer')
      .$if(projects !== undefined, (q) => q.where('memberships.project_id', 'in', projects ?? []))
      .orderBy('users.display_name')
      .execute();
    return {
      // What the filters can choose from: the coordinator's projects and their observers.
      projects: projectRows,
      observers: observerRows.map((o) => ({ id: o.id, name: o.display_name })),
      cases: rows.map((r) => ({
        id: r.id,
        code: r.code,
        court: r.court,
        project: r.project,
        updatedAt: r.updated_at,
        reportCount: r.report_count,
        lastHearing: r.last_hearing,
        concerns: r.concerns ?? 0,
      })),
    };
  });

  app.get('/api/cases/:id', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'case id');
    const kase = await reviewableCase(db, access, id);
    // The browser builds every export (DOCX, CSV, XLSX, JSON, print) from this bundle: reading it is the export.
    await audit(db, { actorId: access.user.id, action: 'case.bundle_read', projectId: kase.project_id, target: id });
    return loadCaseBundle(db, id);
  });

  app.post('/api/cases/:id/decisions', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'case id');
    const input = parseInput(Decision, request.body, 'decision');
    const kase = await reviewableCase(db, access, id);
    const report = await db.selectFrom('reports').select('id').where('id', '=', input.reportId).where('case_id', '=', id).executeTakeFirst();
    if (report === undefined) throw notFound('The report');
    await db.transaction().execute(async (trx) => {
      if (input.decision === 'open') {
        await trx.deleteFrom('finding_decisions').where('report_id', '=', input.reportId).where('path', '=', input.path).execute();
      } else {
        // An upsert, not delete-then-insert: two copies of one decision arriving at once on PostgreSQL
        // would both find nothing to delete and the second insert would fail on the key.
        const decided = { decision: input.decision, note: input.note, decided_by: access.user.id, decided_at: new Date().toISOString() };
        await trx
          .insertInto('finding_decisions')
          .values({ report_id: input.reportId, path: input.path, ...decided })
          .onConflict((oc) => oc.columns(['report_id', 'path']).doUpdateSet(decided))
          .execute();
      }
      await audit(trx, { actorId: access.user.id, action: 'finding.decision', projectId: kase.project_id, target: input.reportId, detail: { path: input.path, decision: input.decision } });
    });
    return { ok: true };
  });

  app.put('/api/cases/:id/assessments/:right', async (request) => {
    const access = requireAccess(request);
    const params = parseInput(v.strictObject({ id: Uuid, right: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a right id')) }), request.params, 'assessment address');
    const input = parseInput(Assessment, request.body, 'assessment');
    const kase = await reviewableCase(db, access, params.id);
    const values = { case_id: params.id, right_id: params.right, text: input.text, grade: input.grade ?? null, updated_by: access.user.id, updated_at: new Date().toISOString() };
    await db
      .insertInto('right_assessments')
      .values(values)
      .onConflict((oc) => oc.columns(['case_id', 'right_id']).doUpdateSet({ text: values.text, grade: values.grade, updated_by: values.updated_by, updated_at: values.updated_at }))
      .execute();
    await audit(db, { actorId: access.user.id, action: 'case.assessment', projectId: kase.project_id, target: params.id, detail: { right: params.right } });
    return { ok: true };
  });
}
