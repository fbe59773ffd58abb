import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../../core/canonical-json.ts';
import { structuralIssues } from '../../core/forms/evaluate.ts';
import type { Answers } from '../../core/forms/answers.ts';
import { computeFindings, tallyFindings } from '../../core/forms/findings.ts';
import type { Form } from '../../core/forms/types.ts';
import type { SyncRefusal } from '../../core/api/error-codes.ts';
import { isSealedPayload, type ReportFields, type ReportPayload } from '../../core/sync/protocol.ts';
import { isMember, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { FormCache } from '../forms/form-cache.ts';
import { caseWriteRule, refuse, type Applied } from './apply-case.ts';
import { readablePolicy } from './seal-policy.ts';

/**
 * The hash that makes a finalised report idempotent: the same content sent again is the same version.
 * A sealed version's is over its metadata and its box (each sealing is random, so a retry of the same
 * sealed mutation is `unchanged`, and the same words sealed twice are two contents).
 */
export function reportContentHash(fields: ReportPayload): string {
  if (isSealedPayload(fields)) return createHash('sha256').update(canonicalJson(fields)).digest('hex');
  const { reason: _reason, ...content } = fields;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The columns of a stored report that a push checks before writing a version. */
export interface ExistingReport {
  readonly author_id: string;
  readonly version: number;
  readonly project_id: string;
  readonly case_id: string;
}

/** What one push has already read, so that each of its mutations need not read it again. */
export interface PushMemo {
  /**
   * Cases ("project/case") the pusher may write to. Only a positive answer is kept; nothing in a push
   * can take a case away from its observer.
   */
  readonly writableCases: Set<string>;
  /**
   * The reports the push writes, read (on PostgreSQL also locked) before its first mutation, null for
   * one not stored yet. An entry is dropped as its report is written, so a second mutation of the same
   * report in the push reads what the first wrote.
   */
  readonly reports: Map<string, ExistingReport | null>;
  /** Each project's seal as read once per push (null: the project is not sealed): apply-sealed-report.ts. */
  readonly seals: Map<string, { readonly kid: string } | null>;
  /** Projects in which the pushing device has shown it holds the key (seal-policy.ts). */
  readonly keyHolders: Set<string>;
  /** The administrator's REQUIRE_SEALED_PROJECTS: readable report versions are never stored (seal-policy.ts). */
  readonly sealingRequired: boolean;
}

export const emptyPushMemo = (sealingRequired = false): PushMemo => ({ writableCases: new Set(), reports: new Map(), seals: new Map(), keyHolders: new Set(), sealingRequired });

/**
 * Stores a finalised report as a new version. Never overwrites: the current version's content again is
 * a no-op (a retry, or the same edit from two phones); other content, even an earlier version's, from a
 * device that saw the current version is the next version; other content from a device that had not
 * seen it is kept too, as a version marked as a conflict (SYNC.md).
 */
export async function applyReport(
  trx: Transaction<Database>,
  access: Access,
  deviceId: string,
  id: string,
  baseVersion: number,
  fields: ReportFields,
  forms: FormCache,
  now: string,
  memo: PushMemo = emptyPushMemo(),
): Promise<Applied> {
  const target = await reportTarget(trx, access, id, fields, memo);
  if ('result' in target) return target;
  const { existing, caseId } = target;
  const policy = await readablePolicy(trx, memo, fields.projectId, deviceId);
  if ('refusal' in policy) return refuse(policy.refusal);

  const form = await forms.get(trx, fields.formId, fields.formVersion, fields.projectId);
  if (form === undefined) return refuse('form_not_published', { form: `${fields.formId}@${fields.formVersion}` });
  const issues = structuralIssues(form, fields.answers);
  if (issues.length > 0) {
    return refuse('answers_do_not_fit', { form: `${form.id}@${form.version}`, issues: issues.slice(0, 5).map((i) => `${i.path} (${i.code})`).join(', ') });
  }

  // The content as sent (the case id the device named included), so that a retry is recognised as one.
  const hash = reportContentHash(fields);
  const change = { project_id: fields.projectId, entity: 'report' as const, entity_id: id, owner_id: access.user.id };
  // Readable content for a sealed project from a device that has not received the key yet: stored (refusing
  // would hold the observer's report back), and flagged so the coordinator sees which devices those are.
  const version = {
    report_id: id,
    content_hash: hash,
    answers: canonicalJson(fields.answers),
    reason: fields.reason ?? null,
    device_id: deviceId,
    created_at: now,
    sealed: null,
    readable_in_sealed: policy.readableInSealed ? 1 : 0,
  };

  if (existing === undefined) {
    // A new report has no findings to replace: its counts go in with the row (two statements fewer per report).
    const { total, perRight } = countFindings(form, fields.answers);
    await trx
      .insertInto('reports')
      .values({
        id,
        project_id: fields.projectId,
        case_id: fields.caseId,
        form_id: fields.formId,
        form_version: fields.formVersion,
        author_id: access.user.id,
        hearing_date: fields.hearingDate,
        version: 1,
        received_at: now,
        updated_at: now,
        concern_count: total,
      })
      .execute();
    await trx.insertInto('report_versions').values({ ...version, version: 1, conflict: 0 }).execute();
    await insertRightCounts(trx, id, perRight);
    return { result: { status: 'applied', version: 1 }, changes: [change] };
  }

  if (existing.author_id !== access.user.id) return refuse('report_of_another_observer');
  if (existing.project_id !== fields.projectId || existing.case_id !== caseId) return refuse('report_cannot_move');
  // Only the current content is a no-op: going back to an earlier version's content is an amendment too.
  const current = await trx.selectFrom('report_versions').select('content_hash').where('report_id', '=', id).where('version', '=', existing.version).executeTakeFirstOrThrow();
  if (current.content_hash === hash) return { result: { status: 'unchanged', version: existing.version }, changes: [] };

  const next = existing.version + 1;
  const conflict = baseVersion !== existing.version;
  await trx.insertInto('report_versions').values({ ...version, version: next, conflict: conflict ? 1 : 0 }).execute();
  await trx
    .updateTable('reports')
    .set({ version: next, form_id: fields.formId, form_version: fields.formVersion, hearing_date: fields.hearingDate, updated_at: now, sealed: 0 })
    .where('id', '=', id)
    .execute();
  await storeFindings(trx, id, form, fields.answers);
  return { result: { status: conflict ? 'conflict' : 'applied', version: next }, changes: [change] };
}

/**
 * What both report paths (readable, and sealed in apply-sealed-report.ts) check first: the pusher is a
 * member, the stored report if any, the case the version goes into (caseOfReport), and that the pusher may
 * write there. A refusal, or the report and its case.
 */
export async function reportTarget(
  trx: Transaction<Database>,
  access: Access,
  id: string,
  fields: Pick<ReportFields, 'projectId' | 'caseId'>,
  memo: PushMemo,
): Promise<Applied | { readonly existing: ExistingReport | undefined; readonly caseId: string }> {
  if (!isMember(access, fields.projectId)) return refuse('not_a_member');
  const existing = memo.reports.has(id) ? (memo.reports.get(id) ?? undefined) : await readStoredReport(trx, id);
  memo.reports.delete(id);
  const caseId = await caseOfReport(trx, existing, fields);
  // A push carries up to 100 reports, mostly of one case: check the case once per push.
  const caseKey = `${fields.projectId}/${caseId}`;
  if (!memo.writableCases.has(caseKey)) {
    const refusal = await caseRefusal(trx, access, fields.projectId, caseId);
    if (refusal !== undefined) return refuse(refusal);
    memo.writableCases.add(caseKey);
  }
  return { existing, caseId };
}

/**
 * The case a report's version goes into. The report id is its identity: when a coordinator merged the
 * report's case into another (domain/case-merge.ts moves the reports and removes the case), a device that
 * has not pulled since still names the removed case in its amendment, and the amendment goes to the case
 * the report belongs to now; the device learns that case on its next pull. Naming a case that exists and
 * is not the report's is still a move, which is refused (report_cannot_move).
 */
export async function caseOfReport(trx: Transaction<Database>, existing: ExistingReport | undefined, fields: Pick<ReportFields, 'projectId' | 'caseId'>): Promise<string> {
  if (existing === undefined || existing.case_id === fields.caseId || existing.project_id !== fields.projectId) return fields.caseId;
  const named = await trx.selectFrom('cases').select('id').where('id', '=', fields.caseId).executeTakeFirst();
  return named === undefined ? existing.case_id : fields.caseId;
}

/** Why the pusher may not write a report into the case, if they may not; the case and the assignment in one query. */
export async function caseRefusal(trx: Transaction<Database>, access: Access, projectId: string, caseId: string): Promise<SyncRefusal | undefined> {
  const kase = await trx
    .selectFrom('cases')
    .leftJoin('case_observers', (join) => join.onRef('case_observers.case_id', '=', 'cases.id').on('case_observers.user_id', '=', access.user.id))
    .select(['cases.project_id', 'case_observers.user_id as assigned'])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (kase === undefined) return 'report_case_unknown';
  if (kase.project_id !== projectId) return 'report_case_of_another_project';
  const rule = caseWriteRule(access, projectId);
  if (rule === 'every case' || (rule === 'if assigned' && kase.assigned !== null)) return undefined;
  return 'not_assigned_to_report_case';
}

export function readStoredReport(trx: Transaction<Database>, id: string): Promise<ExistingReport | undefined> {
  return trx.selectFrom('reports').select(['author_id', 'version', 'project_id', 'case_id']).where('id', '=', id).executeTakeFirst();
}

/**
 * Records what the report's newest version flags (its findings per right and in all, less those a
 * coordinator dismissed), for the case filters and the thematic view. The findings themselves are never
 * stored: src/core computes them, and tallyFindings counts them as every screen and export does.
 */
export async function storeFindings(trx: Transaction<Database>, reportId: string, form: Form, answers: Answers): Promise<void> {
  const dismissed = await trx.selectFrom('finding_decisions').select('path').where('report_id', '=', reportId).where('decision', '=', 'dismissed').execute();
  const { total, perRight } = countFindings(form, answers, new Set(dismissed.map((d) => d.path)));
  await trx.updateTable('reports').set({ concern_count: total }).where('id', '=', reportId).execute();
  await trx.deleteFrom('report_rights').where('report_id', '=', reportId).execute();
  await insertRightCounts(trx, reportId, perRight);
}

function countFindings(form: Form, answers: Answers, dismissed: ReadonlySet<string> = new Set()): { total: number; perRight: ReadonlyMap<string, number> } {
  return tallyFindings(computeFindings(form, answers), (path) => (dismissed.has(path) ? 'dismissed' : undefined));
}

async function insertRightCounts(trx: Transaction<Database>, reportId: string, perRight: ReadonlyMap<string, number>): Promise<void> {
  if (perRight.size === 0) return;
  await trx
    .insertInto('report_rights')
    .values([...perRight].map(([right_id, count]) => ({ report_id: reportId, right_id, findings: count })))
    .execute();
}
