import type { Kysely } from 'kysely';
import type { ReviewThread } from '../../core/sync/protocol.ts';
import { isCoordinator, mayReadOwnOrCoordinated, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { apiError, notFound } from '../errors.ts';
import { storeComment } from '../reviews/store-comment.ts';
import { loadThreads, threadChange } from '../reviews/thread.ts';
import { appendChanges } from '../sync/change-log.ts';
import { toReportRecord } from '../sync/records.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

type ReviewStatus = 'received' | 'needs_clarification' | 'approved';

/**
 * GET /api/reports: a page of received reports, newest change first (the screen loads pages until it has them all).
 * Query: offset (default 0), limit (1-1000, default 200). Answer: { total, offset, reports: ReportListRow[] }.
 * `scope` undefined: every project (administrators).
 */
export async function listReports(db: Kysely<Database>, scope: readonly string[] | undefined, page: { readonly offset: number; readonly limit: number }) {
  const total = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(scope !== undefined, (q) => q.where('reports.project_id', 'in', scope ?? []))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('reports')
    .innerJoin('cases', 'cases.id', 'reports.case_id')
    .innerJoin('users', 'users.id', 'reports.author_id')
    .innerJoin('projects', 'projects.id', 'reports.project_id')
    .leftJoin('reviews', 'reviews.report_id', 'reports.id')
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
      'reports.concern_count',
      'reports.sealed',
      'reviews.status as review_status',
    ])
    .$if(scope !== undefined, (q) => q.where('reports.project_id', 'in', scope ?? []))
    .orderBy('reports.updated_at', 'desc')
    .orderBy('reports.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const titles = await formTitles(db, rows);
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
      formTitle: titles.get(`${r.form_id}@${r.form_version}`) ?? {},
      // Until a coordinator acts, a report is received (as on the case page).
      reviewStatus: r.review_status ?? 'received',
      // A sealed version's findings are unknown to the server (its count is 0 and means nothing).
      concernCount: r.sealed === 1 ? null : r.concern_count,
    })),
  };
}

/** The title of each form a page of reports uses, read once per form version rather than once per report. */
async function formTitles(db: Kysely<Database>, rows: readonly { readonly form_id: string; readonly form_version: number }[]): Promise<Map<string, Record<string, string>>> {
  const keys = new Map(rows.map((r) => [`${r.form_id}@${r.form_version}`, r]));
  const titles = new Map<string, Record<string, string>>();
  for (const [key, r] of keys) {
    const form = await db.selectFrom('forms').select('definition').where('id', '=', r.form_id).where('version', '=', r.form_version).executeTakeFirst();
    titles.set(key, form === undefined ? {} : titleOf(JSON.parse(form.definition) as unknown));
  }
  return titles;
}

/** A stored definition's title, keeping only its string translations (the definition passed the loader when published). */
function titleOf(definition: unknown): Record<string, string> {
  if (typeof definition !== 'object' || definition === null || !('title' in definition)) return {};
  const title: unknown = definition.title;
  if (typeof title !== 'object' || title === null) return {};
  return Object.fromEntries(Object.entries(title).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * GET /api/reports/:id: one report with its answers and its form. Observers may read their own report,
 * coordinators those of their projects; others get 404 and learn nothing, not even that it exists.
 * Answer: { report: ReportRecord, reason: string | null, caseCode, court, author, form }. A sealed
 * version: report.answers is {} and report.sealed the box (its reason is inside it, so reason is null);
 * the coordinator's browser opens it with the project key.
 */
export async function readReport(db: Kysely<Database>, access: Access, reportId: string) {
  const row = await db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
    .innerJoin('cases', 'cases.id', 'reports.case_id')
    .innerJoin('users', 'users.id', 'reports.author_id')
    .innerJoin('forms', (j) => j.onRef('forms.id', '=', 'reports.form_id').onRef('forms.version', '=', 'reports.form_version'))
    .selectAll('reports')
    .select(['report_versions.answers', 'report_versions.sealed as sealed_box', 'report_versions.reason', 'cases.code as case_code', 'cases.court', 'users.display_name as author', 'forms.definition'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  if (row === undefined || !mayReadOwnOrCoordinated(access, row)) throw notFound('report');
  return {
    report: toReportRecord(row),
    /** Why the observer amended the report into this version; null for a first version. */
    reason: row.reason,
    caseCode: row.case_code,
    court: row.court,
    author: row.author,
    form: JSON.parse(row.definition) as unknown,
  };
}

/** A report the caller may review (a coordinator of its project); 404 for everyone else. */
async function reviewable(db: Kysely<Database>, access: Access, reportId: string): Promise<{ id: string; project_id: string; author_id: string }> {
  const report = await db.selectFrom('reports').select(['id', 'project_id', 'author_id']).where('id', '=', reportId).executeTakeFirst();
  if (report === undefined || !isCoordinator(access, report.project_id)) throw notFound('report');
  return report;
}

/** GET /api/reports/:id/thread: the review thread (status and comments). Answer: ReviewThread | undefined. */
export async function readThread(db: Kysely<Database>, access: Access, reportId: string): Promise<ReviewThread | undefined> {
  const report = await db.selectFrom('reports').select(['project_id', 'author_id']).where('id', '=', reportId).executeTakeFirst();
  if (report === undefined || !mayReadOwnOrCoordinated(access, report)) throw notFound('report');
  return (await loadThreads(db, [reportId])).get(reportId);
}

/**
 * POST /api/reports/:id/review: received -> needs clarification (a comment saying what is required) or
 * approved, and back to received (reopen). Body: { status, comment?, commentId?, pin? }. Answer: the
 * thread. The comment, the status, the audit entry and the change for the observer's device are one transaction.
 */
export async function reviewReport(
  db: Kysely<Database>,
  access: Access,
  actor: PersonActor,
  reportId: string,
  action: { readonly status: ReviewStatus; readonly comment: string; readonly commentId?: string | undefined; readonly pin: string | null },
): Promise<ReviewThread | undefined> {
  if (action.status === 'needs_clarification' && action.comment === '') throw apiError('comment_required', {});
  if (action.comment !== '' && action.commentId === undefined) throw apiError('comment_id_required', {});
  const report = await reviewable(db, access, reportId);
  await inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    if (action.comment !== '' && action.commentId !== undefined) {
      const stored = await storeComment(trx, { id: action.commentId, reportId, authorId: actor.userId, body: action.comment, pin: action.pin, now });
      // Sent again (stored === 'again'): the comment stays one; setting the status again is harmless.
      if (stored === 'taken') throw apiError('comment_id_taken', {});
    }
    await trx
      .insertInto('reviews')
      .values({ report_id: reportId, status: action.status, updated_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.column('report_id').doUpdateSet({ status: action.status, updated_by: actor.userId, updated_at: now }))
      .execute();
    await record(trx, actor, { action: 'review.status', projectId: report.project_id, target: reportId, detail: { status: action.status, withComment: action.comment !== '' } });
    await appendChanges(trx, [threadChange(report)], now);
  });
  return (await loadThreads(db, [reportId])).get(reportId);
}

/**
 * POST /api/reports/:id/comments: a comment under the id the coordinator's app made (a retry stores it once).
 * Body: { id, body, pin? }. Answer: the thread.
 */
export async function addComment(db: Kysely<Database>, access: Access, actor: PersonActor, reportId: string, input: { readonly id: string; readonly body: string; readonly pin: string | null }): Promise<ReviewThread | undefined> {
  const report = await reviewable(db, access, reportId);
  await inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const stored = await storeComment(trx, { id: input.id, reportId, authorId: actor.userId, body: input.body, pin: input.pin, now });
    if (stored === 'taken') throw apiError('comment_id_taken', {});
    if (stored === 'again') return;
    await record(trx, actor, { action: 'review.comment', projectId: report.project_id, target: reportId, detail: { pinned: input.pin !== null } });
    await appendChanges(trx, [threadChange(report)], now);
  });
  return (await loadThreads(db, [reportId])).get(reportId);
}
