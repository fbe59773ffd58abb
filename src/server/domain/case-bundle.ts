import type { Kysely } from 'kysely';
import type { CaseBundle } from '../../core/export/case-bundle.ts';
import { parseSealedBox, type SealedBox } from '../../core/seal/envelope.ts';
import type { Database } from '../db/schema.ts';
import { parseRegions } from '../../core/forms/regions.ts';
import { registerEntries } from './case-register.ts';

export async function loadCaseBundle(db: Kysely<Database>, caseId: string): Promise<CaseBundle & { readonly reports: readonly (CaseBundle['reports'][number] & { readonly sealed?: SealedBox })[] }> {
  const kase = await db
    .selectFrom('cases')
    .innerJoin('projects', 'projects.id', 'cases.project_id')
    .select(['cases.id', 'cases.code', 'cases.court', 'cases.project_id', 'projects.name', 'projects.regions'])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const reports = await db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
    .innerJoin('users', 'users.id', 'reports.author_id')
    .leftJoin('reviews', 'reviews.report_id', 'reports.id')
    .select([
      'reviews.status as review_status',
      'reports.id',
      'reports.form_id',
      'reports.form_version',
      'reports.hearing_date',
      'reports.version',
      'reports.received_at',
      'reports.concern_count',
      'report_versions.answers',
      'report_versions.sealed as sealed_box',
      'reports.sealed',
      'reports.author_id',
      'users.display_name',
    ])
    .where('reports.case_id', '=', caseId)
    .orderBy('reports.hearing_date')
    .execute();
  const formKeys = [...new Set(reports.map((r) => `${r.form_id}@${r.form_version}`))];
  const forms = await Promise.all(
    formKeys.map(async (key) => {
      const [id = '', version = '0'] = key.split('@');
      const row = await db.selectFrom('forms').select(['id', 'version', 'definition']).where('id', '=', id).where('version', '=', Number(version)).executeTakeFirstOrThrow();
      return { id: row.id, version: row.version, definition: JSON.parse(row.definition) as unknown };
    }),
  );
  const reportIds = reports.map((r) => r.id);
  const decisions = reportIds.length === 0 ? [] : await db.selectFrom('finding_decisions').select(['report_id', 'path', 'decision', 'note']).where('report_id', 'in', reportIds).execute();
  const assessments = await db.selectFrom('right_assessments').select(['right_id', 'text', 'grade']).where('case_id', '=', caseId).execute();
  const recommendations = await db.selectFrom('case_recommendations').select('text').where('case_id', '=', caseId).executeTakeFirst();
  const codes = observerCodes(reports);
  return {
    case: { id: kase.id, code: kase.code, court: kase.court, projectId: kase.project_id, project: kase.name, regions: parseRegions(kase.regions) },
    reports: reports.map((r) => ({
      id: r.id,
      formId: r.form_id,
      formVersion: r.form_version,
      hearingDate: r.hearing_date,
      version: r.version,
      receivedAt: r.received_at,
      observerCode: codes.get(r.author_id) ?? '',
      observerName: r.display_name,
      concernCount: r.concern_count,
      // Until a coordinator acts, a report is received.
      reviewStatus: r.review_status ?? 'received',
      answers: JSON.parse(r.answers) as Record<string, unknown>,
      // A sealed version (s11): answers are {} and concernCount 0 means nothing; the box is opened, and the
      // findings counted, in the coordinator's browser.
      ...(r.sealed_box === null ? {} : { sealed: parseSealedBox(JSON.parse(r.sealed_box)) }),
    })),
    forms,
    decisions: decisions.map((d) => ({ reportId: d.report_id, path: d.path, decision: d.decision, note: d.note })),
    assessments: assessments.map((a) => ({ rightId: a.right_id, text: a.text, grade: a.grade })),
    recommendations: recommendations?.text ?? '',
    // Read by codes-only exports to replace the names typed into free text (src/core/export/redact-bundle.ts).
    register: await registerEntries(db, caseId),
  };
}

/**
 * The observers of a case by code, O1, O2..., in the order they first reported on it: what coordinators
 * export instead of usernames. Reports are never deleted, so a code never moves to someone else.
 */
function observerCodes(reports: readonly { readonly author_id: string; readonly received_at: string; readonly id: string }[]): Map<string, string> {
  const codes = new Map<string, string>();
  const order = [...reports].sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id.localeCompare(b.id));
  for (const report of order) if (!codes.has(report.author_id)) codes.set(report.author_id, `O${codes.size + 1}`);
  return codes;
}
