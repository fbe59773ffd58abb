import type { ReviewThread } from '../../core/sync/protocol.ts';
import { ReportError } from '../base/device-errors.ts';
import { uuidv7 } from 'uuidv7';
import type { Answers } from '../../core/forms/answers.ts';
import { calendarDayOf, hearingDateItemBeforeRoles, hearingDateOf } from '../../core/forms/hearing-date.ts';
import type { Form } from '../../core/forms/types.ts';
import type { DeviceDatabase } from './database.ts';
import { enqueue } from './outbox.ts';
import type { FinalisedVersion, LocalCase, LocalReport, QuickNote } from './records.ts';
import { openQuestions, shownState } from '../sync/report-state.ts';

export { ReportError };

/** Starts a report on a case with the given form; it lives on this device until it is finalised. */
export async function startReport(db: DeviceDatabase, kase: LocalCase, form: Pick<Form, 'id' | 'version' | 'hearingDateItem'>, now = new Date()): Promise<LocalReport> {
  const at = now.toISOString();
  const report: LocalReport = {
    id: uuidv7(),
    projectId: kase.projectId,
    caseId: kase.id,
    formId: form.id,
    formVersion: form.version,
    status: 'draft',
    answers: {},
    createdAt: at,
    startedOn: calendarDayOf(now),
    ...(form.hearingDateItem === undefined ? {} : { hearingDateItem: form.hearingDateItem }),
    updatedAt: at,
    serverVersion: 0,
    sync: 'draft',
  };
  await db.reports.add(report);
  return report;
}

/**
 * Autosave: stores the whole answers document of a draft. Called on every change; a refusal here
 * (a finalised report) is a programming error the UI prevents, so it throws rather than dropping words.
 */
export async function saveAnswers(db: DeviceDatabase, id: string, answers: Answers, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    if (report.status !== 'draft') throw new ReportError('not_draft');
    await db.reports.put({ ...report, answers, updatedAt: now.toISOString() });
  });
}

/**
 * The day a report is filed under (core's hearingDateOf): its form's hearing date when answered, else the
 * local day it was started on. Reports stored before these fields existed: the item of their form version
 * from core's table, and the local day of createdAt.
 */
export function hearingDateOfReport(report: LocalReport): string {
  if (report.hearingDate !== undefined) return report.hearingDate;
  const item = report.hearingDateItem ?? hearingDateItemBeforeRoles(`${report.formId}@${report.formVersion}`);
  return hearingDateOf(item, report.answers, report.startedOn ?? calendarDayOf(new Date(report.createdAt)));
}

/**
 * Finalises a draft whose visible answers are valid, and queues it for sending in the same transaction.
 * An amendment carries its reason and the server version it amends (baseVersion): the server stores it
 * as the next version and keeps the earlier ones.
 */
export async function finaliseReport(db: DeviceDatabase, id: string, form: Form, now = new Date()): Promise<LocalReport> {
  // The form engine is the report screen's (a lazy chunk, already loaded when a report is finalised), not
  // the first screen's: fetched here, before the transaction, which must wait on nothing but the database.
  const { evaluateForm } = await import('../../core/forms/evaluate.ts');
  return db.transaction('rw', db.reports, db.outbox, db.state, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    if (report.status !== 'draft') throw new ReportError('not_draft');
    if (evaluateForm(form, report.answers).issues.length > 0) throw new ReportError('invalid');
    const at = now.toISOString();
    const { amendReason, syncNote: _refusal, syncRefusal: _code, ...rest } = report;
    const entry: FinalisedVersion = amendReason === undefined ? { finalisedAt: at } : { finalisedAt: at, reason: amendReason };
    const final: LocalReport = { ...rest, status: 'final', finalisedAt: at, updatedAt: at, sync: 'waiting', history: [...(report.history ?? []), entry] };
    await db.reports.put(final);
    await enqueue(
      db,
      {
        entity: 'report',
        id,
        baseVersion: report.serverVersion,
        payload: {
          projectId: report.projectId,
          caseId: report.caseId,
          formId: report.formId,
          formVersion: report.formVersion,
          hearingDate: hearingDateOfReport(report),
          answers: report.answers,
          ...(amendReason === undefined ? {} : { reason: amendReason }),
        },
      },
      at,
    );
    return final;
  });
}

/**
 * Opens a finalised report for editing again, never in place on the server:
 * - refused by the server: the observer corrects it (the refusal stays visible) and finalises again;
 * - sent: an amendment, which needs a reason; finalising sends it as a new version with that reason.
 * A report still waiting to be sent cannot be reopened: its content is already queued.
 */
export async function reopenReport(db: DeviceDatabase, id: string, reason: string, now = new Date()): Promise<LocalReport> {
  return db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    if (report.status !== 'final' || (report.sync !== 'sent' && report.sync !== 'refused')) throw new ReportError('not_reopenable');
    // Its answers left this phone (purge-sent.ts): an amendment would start from nothing and send that.
    if (report.purgedAt !== undefined) throw new ReportError('not_reopenable');
    const why = reason.trim();
    // A refused first version has nothing on the server to amend; anything already stored there does.
    const amends = report.serverVersion > 0;
    if (amends && why === '') throw new ReportError('reason_required');
    const { finalisedAt: _finalisedAt, ...rest } = report;
    const reopened: LocalReport = { ...rest, status: 'draft', sync: 'draft', updatedAt: now.toISOString(), ...(amends ? { amendReason: why } : {}) };
    await db.reports.put(reopened);
    return reopened;
  });
}

/** Adds a timestamped quick note to a section of a report; notes are never sent (README.md). */
export async function addNote(db: DeviceDatabase, id: string, sectionId: string, text: string, now = new Date()): Promise<QuickNote> {
  const body = text.trim();
  if (body === '') throw new ReportError('note_empty');
  return db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    const note: QuickNote = { id: uuidv7(), sectionId, at: now.toISOString(), text: body };
    await db.reports.put({ ...report, notes: [...(report.notes ?? []), note] });
    return note;
  });
}

export function getReport(db: DeviceDatabase, id: string): Promise<LocalReport | undefined> {
  return db.reports.get(id);
}

/** A case's reports in hearing order (the case page's timeline); started-at breaks ties. Discarded drafts are left out. */
export async function reportsOfCase(db: DeviceDatabase, caseId: string): Promise<LocalReport[]> {
  const reports = await db.reports.where('caseId').equals(caseId).sortBy('createdAt');
  return reports.filter((r) => r.discardedAt === undefined).sort((a, b) => hearingDateOfReport(a).localeCompare(hearingDateOfReport(b)));
}

/** Whether a report is a draft this device started and never sent: the only kind an observer may discard. */
export function isDiscardable(report: LocalReport): boolean {
  return report.status === 'draft' && report.sync === 'draft' && report.serverVersion === 0 && report.amendReason === undefined && (report.history ?? []).length === 0;
}

/**
 * Discards a draft started by mistake. It is hidden at once and can be restored until the next sync,
 * which deletes it (purgeDiscarded); nothing of it was ever sent. A report that was sent, refused or is
 * being amended cannot be discarded: its versions live on the server.
 */
export async function discardDraft(db: DeviceDatabase, id: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    if (!isDiscardable(report)) throw new ReportError('not_draft');
    await db.reports.put({ ...report, discardedAt: now.toISOString() });
  });
}

/** Undoes discardDraft while the draft is still on the device. */
export async function restoreDraft(db: DeviceDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report?.discardedAt === undefined) throw new ReportError('not_found');
    const { discardedAt: _discarded, ...kept } = report;
    await db.reports.put(kept);
  });
}

/** A case's discarded drafts still on the device, newest first: what the case page offers to restore. */
export async function discardedOfCase(db: DeviceDatabase, caseId: string): Promise<LocalReport[]> {
  const reports = await db.reports.where('caseId').equals(caseId).filter((r) => r.discardedAt !== undefined).toArray();
  return reports.sort((a, b) => (b.discardedAt ?? '').localeCompare(a.discardedAt ?? ''));
}

/** Deletes every discarded draft; a sync calls it inside its transaction, so "undo" lasts until then. */
export async function purgeDiscarded(db: DeviceDatabase): Promise<void> {
  const ids = await db.reports.where('status').equals('draft').filter((r) => r.discardedAt !== undefined).primaryKeys();
  await db.reports.bulkDelete(ids);
}

export function deleteDraft(db: DeviceDatabase, id: string): Promise<void> {
  return db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report?.status === 'draft') await db.reports.delete(id);
  });
}

/** The coordinator's review of a report, when one has arrived: it turns "sent" into "reviewed". */
export function reviewOfReport(db: DeviceDatabase, id: string): Promise<ReviewThread | undefined> {
  return db.reviews.get(id);
}

/** A case's reports in hearing order, each with its review if any: the case page's timeline. */
export async function timelineOfCase(db: DeviceDatabase, caseId: string): Promise<{ report: LocalReport; review: ReviewThread | undefined }[]> {
  const reports = await reportsOfCase(db, caseId);
  const reviews = await db.reviews.bulkGet(reports.map((r) => r.id));
  return reports.map((report, i) => ({ report, review: reviews[i] ?? undefined }));
}

/** Where a case's reviews stand, for the case list: questions waiting for the observer come first. */
export interface CaseReviewSummary {
  readonly state: 'needs_clarification' | 'approved';
  /** Open questions over the case's reports that need clarification (0 for approved). */
  readonly questions: number;
}

/**
 * Per case, the most pressing review outcome of its sent reports: needs clarification (with the open
 * questions of all such reports), else approved when any report is. Cases with neither are absent.
 */
export async function reviewSummaryOfCases(db: DeviceDatabase): Promise<Map<string, CaseReviewSummary>> {
  const reviews = await db.reviews.toArray();
  const reports = await db.reports.bulkGet(reviews.map((r) => r.reportId));
  const summary = new Map<string, CaseReviewSummary>();
  reviews.forEach((review, i) => {
    const report = reports[i];
    if (report === undefined || report.sync !== 'sent') return;
    const state = shownState(report, review);
    const known = summary.get(report.caseId);
    if (state === 'needs_clarification') {
      summary.set(report.caseId, { state, questions: (known?.state === 'needs_clarification' ? known.questions : 0) + openQuestions(review) });
    } else if (state === 'approved' && known === undefined) summary.set(report.caseId, { state, questions: 0 });
  });
  return summary;
}
