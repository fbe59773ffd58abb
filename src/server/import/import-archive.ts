import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { canonicalJson } from '../../core/canonical-json.ts';
import { readArchive } from '../../core/export/json-archive.ts';
import { structuralIssues } from '../../core/forms/evaluate.ts';
import { loadForm } from '../../core/forms/load-form.ts';
import type { Form } from '../../core/forms/types.ts';
import { CliError, type CliErrorCode } from '../cli-errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database, NewChange } from '../db/schema.ts';
import { appendChanges } from '../sync/change-log.ts';
import { reportContentHash, storeFindings } from '../sync/apply-report.ts';
import { inTransaction } from '../domain/transaction.ts';

export class ImportError<C extends CliErrorCode = CliErrorCode> extends CliError<C> {}

export interface ImportOutcome {
  readonly forms: number;
  readonly cases: number;
  readonly reports: number;
  readonly skipped: number;
}

/**
 * Imports a JSON archive (from the export) into a project, all or nothing: forms are published if new
 * (a published id@version with other content stops the import: versions never change), cases and
 * reports keep their ids, and a report already here with the same content is skipped. Observers are
 * matched by their code (username); an unknown code becomes a disabled account that cannot sign in.
 */
export async function importArchive(db: Kysely<Database>, bytes: Uint8Array, projectId: string, progress: (step: string) => void = () => undefined): Promise<ImportOutcome> {
  let parsed: ReturnType<typeof readArchive>;
  try {
    parsed = readArchive(bytes);
  } catch (error) {
    throw new ImportError('archive_unreadable', { detail: error instanceof Error ? error.message : String(error) });
  }
  const { archive } = parsed;
  const forms = new Map<string, Form>();
  for (const row of archive.forms) {
    const loaded = loadForm(row.definition);
    if (!loaded.ok) throw new ImportError('archive_form_invalid', { form: `${row.id}@${row.version}`, path: loaded.errors[0]?.path ?? '', issue: loaded.errors[0]?.message ?? '' });
    forms.set(`${row.id}@${row.version}`, loaded.form);
  }
  const unusable = await hashPassword(randomBytes(32).toString('base64'));

  return inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const changes: NewChange[] = [];
    let formCount = 0;
    let caseCount = 0;
    let reportCount = 0;
    let skipped = 0;

    progress(`checking ${archive.forms.length} form(s)`);
    for (const row of archive.forms) {
      const text = canonicalJson(row.definition);
      const stored = await trx.selectFrom('forms').select('definition').where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
      if (stored !== undefined) {
        if (canonicalJson(JSON.parse(stored.definition)) !== text) throw new ImportError('form_published_differently', { form: `${row.id}@${row.version}` });
        continue;
      }
      await trx.insertInto('forms').values({ id: row.id, version: row.version, definition: text, published_at: now }).execute();
      changes.push({ project_id: null, entity: 'form', entity_id: `${row.id}@${row.version}`, owner_id: null });
      formCount += 1;
    }

    progress(`importing ${archive.cases.length} case(s)`);
    const importer = await authorFor(trx, 'imported', unusable, now);
    for (const kase of archive.cases) {
      const existing = await trx.selectFrom('cases').select('project_id').where('id', '=', kase.id).executeTakeFirst();
      if (existing !== undefined) {
        if (existing.project_id !== projectId) throw new ImportError('case_in_other_project', { code: kase.code });
        continue;
      }
      await trx.insertInto('cases').values({ id: kase.id, project_id: projectId, code: kase.code, court: kase.court, version: 1, created_by: importer, created_at: now, updated_at: now }).execute();
      changes.push({ project_id: projectId, entity: 'case', entity_id: kase.id, owner_id: null });
      caseCount += 1;
    }

    progress(`importing ${archive.reports.length} report(s)`);
    for (const report of archive.reports) {
      const form = forms.get(`${report.formId}@${report.formVersion}`);
      if (form === undefined) throw new ImportError('report_form_missing', { report: report.id, form: `${report.formId}@${report.formVersion}` });
      const issues = structuralIssues(form, report.answers);
      if (issues.length > 0) throw new ImportError('report_does_not_fit', { report: report.id, issues: issues.slice(0, 3).map((i) => `${i.path} (${i.code})`).join(', ') });
      if (!archive.cases.some((c) => c.id === report.caseId)) throw new ImportError('report_case_missing', { report: report.id });
      const fields = { projectId, caseId: report.caseId, formId: report.formId, formVersion: report.formVersion, hearingDate: report.hearingDate, answers: report.answers };
      const hash = reportContentHash(fields);
      const existing = await trx.selectFrom('reports').select(['case_id']).where('id', '=', report.id).executeTakeFirst();
      if (existing !== undefined) {
        const same = await trx.selectFrom('report_versions').select('version').where('report_id', '=', report.id).where('content_hash', '=', hash).executeTakeFirst();
        if (same === undefined) throw new ImportError('report_differs', { report: report.id });
        skipped += 1;
        continue;
      }
      // Archives name observers by their code in the case (O1, O2): never an account of this server, so
      // an imported report cannot land with (and be synced to) someone who happens to be called "o1".
      const author = await authorFor(trx, `imported-${report.observerCode}`, unusable, now);
      await trx
        .insertInto('reports')
        .values({
          id: report.id,
          project_id: projectId,
          case_id: report.caseId,
          form_id: report.formId,
          form_version: report.formVersion,
          author_id: author,
          hearing_date: report.hearingDate,
          version: report.version,
          received_at: report.receivedAt,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('report_versions')
        .values({ report_id: report.id, version: report.version, content_hash: hash, answers: canonicalJson(report.answers), reason: 'imported from an archive', conflict: 0, device_id: 'import', created_at: now })
        .execute();
      await storeFindings(trx, report.id, form, report.answers);
      changes.push({ project_id: projectId, entity: 'report', entity_id: report.id, owner_id: author });
      reportCount += 1;
    }
    await appendChanges(trx, changes, now);
    return { forms: formCount, cases: caseCount, reports: reportCount, skipped };
  });
}

/** The account of an observer code, made disabled (it cannot sign in) when this server does not know it. */
async function authorFor(trx: Transaction<Database>, code: string, unusableHash: string, now: string): Promise<string> {
  const username = code.toLowerCase();
  const found = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (found !== undefined) return found.id;
  const id = uuidv7();
  await trx.insertInto('users').values({ id, username, display_name: username, password_hash: unusableHash, is_admin: 0, created_at: now, disabled_at: now }).execute();
  return id;
}
