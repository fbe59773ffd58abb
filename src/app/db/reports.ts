import { uuidv7 } from 'uuidv7';
import type { Answers } from '../../core/forms/answers.ts';
import { evaluateForm } from '../../core/forms/evaluate.ts';
import type { Form } from '../../core/forms/types.ts';
import type { DeviceDatabase } from './database.ts';
import { enqueue } from './outbox.ts';
import type { LocalCase, LocalReport } from './records.ts';

export class ReportError extends Error {
  constructor(readonly code: 'not_found' | 'not_draft' | 'invalid') {
    super(code);
  }
}

/** Starts a report on a case with the given form; it lives on this device until it is finalised. */
export async function startReport(db: DeviceDatabase, kase: LocalCase, form: Form, now = new Date()): Promise<LocalReport> {
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

/** The date a report is filed under: the form's hearing date when answered, else the day it was started. */
export function hearingDateOf(report: LocalReport): string {
  const answered = report.answers['hearing_date'];
  return typeof answered === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answered) ? answered : report.createdAt.slice(0, 10);
}

/** Finalises a draft whose visible answers are valid, and queues it for sending in the same transaction. */
export async function finaliseReport(db: DeviceDatabase, id: string, form: Form, now = new Date()): Promise<LocalReport> {
  return db.transaction('rw', db.reports, db.outbox, db.state, async () => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new ReportError('not_found');
    if (report.status !== 'draft') throw new ReportError('not_draft');
    if (evaluateForm(form, report.answers).issues.length > 0) throw new ReportError('invalid');
    const at = now.toISOString();
    const final: LocalReport = { ...report, status: 'final', finalisedAt: at, updatedAt: at, sync: 'waiting' };
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
          hearingDate: hearingDateOf(report),
          answers: report.answers,
        },
      },
      at,
    );
    return final;
  });
}

export function getReport(db: DeviceDatabase, id: string): Promise<LocalReport | undefined> {
  return db.reports.get(id);
}

export function reportsOfCase(db: DeviceDatabase, caseId: string): Promise<LocalReport[]> {
  return db.reports.where('caseId').equals(caseId).sortBy('createdAt');
}

export function deleteDraft(db: DeviceDatabase, id: string): Promise<void> {
  return db.transaction('rw', db.reports, async () => {
    const report = await db.reports.get(id);
    if (report?.status === 'draft') await db.reports.delete(id);
  });
}
