import { attachmentHashes } from '../../core/sync/attachments.ts';
import { DEFAULT_SENT_RETENTION_DAYS } from '../../core/sync/sent-retention.ts';
import type { DeviceDatabase } from './database.ts';
import type { LocalReport } from './records.ts';
import { hearingDateOfReport } from './reports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "Leave less behind" (issue 10 item 5): a report the server has confirmed keeps its contents on the
 * phone for as many days as its project says (ProjectRecord.sentRetentionDays: 0 = as soon as confirmed,
 * null = never, the default before the project record arrives). Then its answers, quick notes, history
 * and attached files are deleted, and the record keeps only what the case page shows: form and version,
 * hearing date, state; the review thread stays, so the coordinator's questions still reach the observer.
 *
 * Never purged: a draft (also an amendment being written), a report waiting to be sent or refused, one
 * with anything in the outbox, one whose files are not all verified by the server (their bytes are
 * still needed), and one already purged. Runs in one transaction; `now` is the caller's clock.
 * Returns how many reports were purged.
 */
export async function purgeSentReports(db: DeviceDatabase, now: Date): Promise<number> {
  return db.transaction('rw', [db.reports, db.outbox, db.projects, db.attachments], async () => {
    const queued = new Set((await db.outbox.toArray()).flatMap((row) => (row.entity === 'report' ? [row.id] : [])));
    const retention = new Map((await db.projects.toArray()).map((p) => [p.id, p.sentRetentionDays === undefined ? DEFAULT_SENT_RETENTION_DAYS : p.sentRetentionDays]));
    const files = new Map((await db.attachments.toArray()).map((file) => [`${file.projectId}:${file.hash}`, file.state]));
    const allVerified = (report: LocalReport): boolean => attachmentHashes(report.answers).every((hash) => (files.get(`${report.projectId}:${hash}`) ?? 'complete') === 'complete');

    const due = (await db.reports.where('status').equals('final').toArray()).filter((report) => {
      if (report.sync !== 'sent' || report.serverVersion === 0 || report.purgedAt !== undefined || queued.has(report.id)) return false;
      const days = retention.has(report.projectId) ? retention.get(report.projectId) : DEFAULT_SENT_RETENTION_DAYS;
      if (days === null || days === undefined) return false;
      const confirmed = Date.parse(report.confirmedAt ?? report.updatedAt);
      return now.getTime() - confirmed >= days * DAY_MS && allVerified(report);
    });
    if (due.length === 0) return 0;

    const at = now.toISOString();
    await db.reports.bulkPut(due.map((report) => purged(report, at)));
    // The files only purged reports named: their descriptions go too (their bytes left when the server verified them).
    const named = new Set((await db.reports.toArray()).flatMap((report) => attachmentHashes(report.answers).map((hash) => `${report.projectId}:${hash}`)));
    const unnamed = due.flatMap((report) => attachmentHashes(report.answers).map((hash): [string, string] => [report.projectId, hash])).filter(([project, hash]) => !named.has(`${project}:${hash}`));
    await db.attachments.bulkDelete(unnamed);
    return due.length;
  });
}

/** What stays of a purged report: enough for the case page to show that it was sent, and nothing it said. */
function purged(report: LocalReport, at: string): LocalReport {
  return {
    id: report.id,
    projectId: report.projectId,
    caseId: report.caseId,
    formId: report.formId,
    formVersion: report.formVersion,
    status: report.status,
    answers: {},
    createdAt: report.createdAt,
    ...(report.hearingDateItem === undefined ? {} : { hearingDateItem: report.hearingDateItem }),
    updatedAt: report.updatedAt,
    ...(report.finalisedAt === undefined ? {} : { finalisedAt: report.finalisedAt }),
    serverVersion: report.serverVersion,
    sync: report.sync,
    ...(report.lastResult === undefined ? {} : { lastResult: report.lastResult }),
    ...(report.confirmedAt === undefined ? {} : { confirmedAt: report.confirmedAt }),
    hearingDate: hearingDateOfReport(report),
    purgedAt: at,
  };
}
