import type { Transaction } from 'kysely';
import type { Answers } from '../../core/forms/answers.ts';
import { loadForm } from '../../core/forms/load-form.ts';
import type { Database } from '../db/schema.ts';
import { storeFindings } from '../sync/apply-report.ts';

/**
 * Recounts a report's stored findings after a coordinator's decision: a dismissed finding leaves the
 * case filters and the thematic view as it leaves the case page and the exports.
 */
export async function recountFindings(trx: Transaction<Database>, reportId: string): Promise<void> {
  const row = await trx
    .selectFrom('reports')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
    .innerJoin('forms', (j) => j.onRef('forms.id', '=', 'reports.form_id').onRef('forms.version', '=', 'reports.form_version'))
    .select(['report_versions.answers', 'forms.definition'])
    .where('reports.id', '=', reportId)
    .executeTakeFirstOrThrow();
  const loaded = loadForm(JSON.parse(row.definition));
  // A published form always loads (it was checked when published); a failure here is a server fault.
  if (!loaded.ok) throw new Error(`the published form of report ${reportId} does not load: ${loaded.errors[0]?.message ?? ''}`);
  await storeFindings(trx, reportId, loaded.form, JSON.parse(row.answers) as Answers);
}
