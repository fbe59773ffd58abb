import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { SealedCaseBundle } from '../../core/seal/open-case-bundle.ts';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { record, type Actor, type PersonActor } from './audit.ts';
import { loadCaseBundle } from './case-bundle.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { recountFindings } from './recount-findings.ts';
import { inTransaction } from './transaction.ts';

/** Cases a page of GET /api/cases holds unless the caller asks for fewer. */
export const CASE_PAGE_SIZE = 500;

export interface CaseFilter {
  readonly project?: string | undefined;
  readonly court?: string | undefined;
  readonly observer?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly concerns?: '1' | '0' | undefined;
  readonly status?: 'received' | 'needs_clarification' | 'approved' | undefined;
  readonly q?: string | undefined;
}

export interface CaseRow {
  readonly id: string;
  readonly code: string;
  readonly court: string;
  readonly project: string;
  readonly updatedAt: string;
  readonly reportCount: number;
  readonly lastHearing: string | null;
  /** null when a report of the case is sealed (its findings are unknown to the server). */
  readonly concerns: number | null;
  readonly duplicateCode: boolean;
}

/**
 * Case-insensitive "contains" that behaves the same on SQLite and PostgreSQL: wildcards in the search
 * text are escaped (a search for "50%" finds "50%"), and both sides are lower-cased.
 */
function contains(column: 'cases.code' | 'cases.court' | 'comments.body', text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** The projects whose cases this user may review, or undefined for an administrator (all); 403 for someone who coordinates nothing. */
export function reviewableProjects(access: Access): string[] | undefined {
  if (access.isAdmin) return undefined;
  const projects = coordinatedProjects(access);
  if (projects.length === 0) throw forbidden('cases');
  return projects;
}

/** A case the coordinator may review; otherwise 404, so nothing is learned about other projects' cases. */
export async function reviewableCase(db: Kysely<Database>, access: Access, caseId: string): Promise<{ id: string; project_id: string }> {
  const kase = await db.selectFrom('cases').select(['id', 'project_id']).where('id', '=', caseId).executeTakeFirst();
  if (kase === undefined || !isCoordinator(access, kase.project_id)) throw notFound('case');
  return kase;
}

/**
 * GET /api/cases: one page of the filtered cases, most recently changed first.
 * Query: the filter fields, `cursor?` (the `next` of the previous page), `limit?` (1-1000, default 500).
 * Answer: { cases: CaseRow[], next: string | null, projects: {id,name}[], observers: {id,name}[] };
 * `next` is null on the last page. (Before paging the list stopped silently at 1,000 cases.)
 */
export async function listCases(
  db: Kysely<Database>,
  scope: readonly string[] | undefined,
  filter: CaseFilter,
  page: { readonly cursor?: string | undefined; readonly limit?: number | undefined } = {},
): Promise<{ cases: CaseRow[]; next: string | null }> {
  const limit = page.limit ?? CASE_PAGE_SIZE;
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 2);
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
      eb.fn.max<number | null>('reports.sealed').as('any_sealed'),
      // Two observers who opened one trial offline made two cases with one code: the list marks both for merging.
      eb
        .exists(
          eb
            .selectFrom('cases as twin')
            .select('twin.id')
            .whereRef('twin.project_id', '=', 'cases.project_id')
            .whereRef('twin.id', '<>', 'cases.id')
            .where((tw) => tw(tw.fn('lower', [tw.fn('trim', ['twin.code'])]), '=', tw.fn('lower', [tw.fn('trim', ['cases.code'])]))),
        )
        .as('duplicate_code'),
    ])
    .$if(scope !== undefined, (q) => q.where('cases.project_id', 'in', scope ?? []))
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
    .$if(after !== undefined, (q) =>
      q.where((eb) => {
        const [updatedAt = '', id = ''] = after ?? [];
        return eb.or([eb('cases.updated_at', '<', updatedAt), eb.and([eb('cases.updated_at', '=', updatedAt), eb('cases.id', '<', id)])]);
      }),
    )
    .groupBy(['cases.id', 'cases.code', 'cases.court', 'cases.updated_at', 'projects.name'])
    .$if(filter.concerns === '1', (q) => q.having((eb) => eb.fn.sum('reports.concern_count'), '>', 0))
    // "No concerns" is a claim: a case with a sealed report (findings unknown to the server) is left out.
    .$if(filter.concerns === '0', (q) =>
      q.having((eb) => eb.fn.coalesce(eb.fn.sum('reports.concern_count'), eb.lit(0)), '=', 0).having((eb) => eb.fn.coalesce(eb.fn.max('reports.sealed'), eb.lit(0)), '=', 0),
    )
    .orderBy('cases.updated_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    cases: shown.map((r) => ({
      id: r.id,
      code: r.code,
      court: r.court,
      project: r.project,
      updatedAt: r.updated_at,
      reportCount: r.report_count,
      lastHearing: r.last_hearing,
      concerns: r.any_sealed === 1 ? null : (r.concerns ?? 0),
      // SQLite answers 0/1, PostgreSQL a boolean.
      duplicateCode: Boolean(r.duplicate_code),
    })),
    next: rows.length > limit && last !== undefined ? encodeCursor([last.updated_at, last.id]) : null,
  };
}

/** What the case filters can choose from: the coordinator's projects and their observers. */
export async function caseFilterChoices(db: Kysely<Database>, scope: readonly string[] | undefined): Promise<{ projects: { id: string; name: string }[]; observers: { id: string; name: string }[] }> {
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'name'])
    .$if(scope !== undefined, (q) => q.where('id', 'in', scope ?? []))
    .orderBy('name')
    .execute();
  const observers = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name'])
    .distinct()
    .where('memberships.role', '=', 'observer')
    .$if(scope !== undefined, (q) => q.where('memberships.project_id', 'in', scope ?? []))
    .orderBy('users.display_name')
    .execute();
  return { projects, observers: observers.map((o) => ({ id: o.id, name: o.display_name })) };
}

/** Cases whose id or code is `key` (the command line names cases either way; codes may repeat across projects). */
export async function casesByCodeOrId(db: Kysely<Database>, key: string): Promise<{ id: string; code: string; project_id: string }[]> {
  return db.selectFrom('cases').select(['id', 'code', 'project_id']).where((eb) => eb.or([eb('id', '=', key), eb('code', '=', key)])).execute();
}

/**
 * GET /api/cases/:id and `npm run export`: everything behind a case's findings, which every export is
 * built from, so reading it is the export. The audit entry (case.bundle_read from the API, export.cli
 * from the command line, with the export's settings in `detail`) is written in the same transaction.
 * Answer: CaseBundle (src/core/export/case-bundle.ts), sealed versions with their box (open-case-bundle.ts).
 */
export async function exportCase(db: Kysely<Database>, actor: Actor, kase: { readonly id: string; readonly project_id: string }, detail: Readonly<Record<string, string | number | boolean>> = {}): Promise<SealedCaseBundle> {
  return inTransaction(db, async (trx) => {
    const bundle = await loadCaseBundle(trx, kase.id);
    await record(trx, actor, { action: actor.via === 'cli' ? 'export.cli' : 'case.bundle_read', projectId: kase.project_id, target: kase.id, detail: { ...detail, ...(actor.via === 'cli' ? { reports: bundle.reports.length } : {}) } });
    return bundle;
  });
}

/**
 * POST /api/cases/:id/decisions: a coordinator confirms or dismisses a finding (or reopens it).
 * Body: { reportId, path, decision: 'confirmed'|'dismissed'|'open', note? }. Answer: { ok: true }.
 * The decision, the recount of the report's findings and the audit entry are one transaction.
 */
export async function decideFinding(
  db: Kysely<Database>,
  actor: PersonActor,
  kase: { readonly id: string; readonly project_id: string },
  input: { readonly reportId: string; readonly path: string; readonly decision: 'confirmed' | 'dismissed' | 'open'; readonly note: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const report = await trx.selectFrom('reports').select('id').where('id', '=', input.reportId).where('case_id', '=', kase.id).executeTakeFirst();
    if (report === undefined) throw notFound('report');
    if (input.decision === 'open') {
      await trx.deleteFrom('finding_decisions').where('report_id', '=', input.reportId).where('path', '=', input.path).execute();
    } else {
      // An upsert, not delete-then-insert: two copies of one decision arriving at once on PostgreSQL
      // would both find nothing to delete and the second insert would fail on the key.
      const decided = { decision: input.decision, note: input.note, decided_by: actor.userId, decided_at: new Date().toISOString() };
      await trx
        .insertInto('finding_decisions')
        .values({ report_id: input.reportId, path: input.path, ...decided })
        .onConflict((oc) => oc.columns(['report_id', 'path']).doUpdateSet(decided))
        .execute();
    }
    await recountFindings(trx, input.reportId);
    await record(trx, actor, { action: 'finding.decision', projectId: kase.project_id, target: input.reportId, detail: { path: input.path, decision: input.decision } });
  });
}

/**
 * PUT /api/cases/:id/assessments/:right: the coordinator's assessment of one right across the case.
 * Body: { text, grade? }. Answer: { ok: true }. Stored with its audit entry in one transaction.
 */
export async function saveAssessment(
  db: Kysely<Database>,
  actor: PersonActor,
  kase: { readonly id: string; readonly project_id: string },
  input: { readonly rightId: string; readonly text: string; readonly grade: string | null },
): Promise<void> {
  const values = { case_id: kase.id, right_id: input.rightId, text: input.text, grade: input.grade, updated_by: actor.userId, updated_at: new Date().toISOString() };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('right_assessments')
      .values(values)
      .onConflict((oc) => oc.columns(['case_id', 'right_id']).doUpdateSet({ text: values.text, grade: values.grade, updated_by: values.updated_by, updated_at: values.updated_at }))
      .execute();
    await record(trx, actor, { action: 'case.assessment', projectId: kase.project_id, target: kase.id, detail: { right: input.rightId } });
  });
}

/**
 * PUT /api/cases/:id/recommendations: what the coordinator recommends after the case's findings.
 * Body: { text }. Answer: { ok: true }. Stored with its audit entry in one transaction.
 */
export async function saveRecommendations(db: Kysely<Database>, actor: PersonActor, kase: { readonly id: string; readonly project_id: string }, text: string): Promise<void> {
  const values = { case_id: kase.id, text, updated_by: actor.userId, updated_at: new Date().toISOString() };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('case_recommendations')
      .values(values)
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ text: values.text, updated_by: values.updated_by, updated_at: values.updated_at }))
      .execute();
    await record(trx, actor, { action: 'case.recommendations', projectId: kase.project_id, target: kase.id });
  });
}
