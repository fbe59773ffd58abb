import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { DEFAULT_ATTACHMENT_SETTINGS } from '../../../src/core/sync/attachments.ts';
import type { SentRetentionDays } from '../../../src/core/sync/sent-retention.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { purgeSentReports } from '../../../src/app/db/purge-sent.ts';
import type { LocalReport } from '../../../src/app/db/records.ts';
import { addNote, finaliseReport, hearingDateOfReport, reopenReport, saveAnswers, startReport, timelineOfCase } from '../../../src/app/db/reports.ts';
import { storeFile } from '../../../src/app/attachments/blob-store.ts';
import { applyPull, applyPushResponse } from '../../../src/app/sync/apply.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing@1.json', 'utf8')) as unknown);
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';
const DAY = 24 * 60 * 60 * 1000;
const SENT_AT = new Date('2026-11-20T18:00:00Z');
const after = (days: number): Date => new Date(SENT_AT.getTime() + days * DAY);
const WORDS = 'Qwyndel saw the bailiff strike the defendant';

/**
 * The purge rule of issue 10 item 5 (src/app/db/purge-sent.ts), with the clock given: a confirmed report
 * keeps its words for its project's number of days, then only what the case page shows stays.
 */
describe('purging the contents of sent reports', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`purge-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  const setRetention = (days: SentRetentionDays | undefined): Promise<unknown> =>
    applyPull(db, { cursor: 1, hasMore: false, changes: [{ position: 1, entity: 'project', data: { id: PROJECT, attachments: DEFAULT_ATTACHMENT_SETTINGS, ...(days === undefined ? {} : { sentRetentionDays: days }) } }] });

  /** A report finalised and confirmed by the server (version `version`) at `at`. */
  async function sentReport(at = SENT_AT, version = 1): Promise<LocalReport> {
    const kase = await createCase(db, { projectId: PROJECT, code: `KG-${name}`, court: '' }, at);
    const draft = await startReport(db, kase, hearing, at);
    await saveAnswers(db, draft.id, { hearing_date: '2026-11-19', monitors_admitted: 'yes', summary_text: WORDS }, at);
    await addNote(db, draft.id, 'access', 'bailiff badge 41', at);
    await finaliseReport(db, draft.id, hearing, at);
    const batch = await db.outbox.orderBy('seq').toArray();
    await applyPushResponse(db, batch, { lastSeq: batch.at(-1)?.seq ?? 0, results: batch.map((row) => ({ seq: row.seq, status: 'applied', version })) }, at);
    const report = await db.reports.get(draft.id);
    if (report === undefined) throw new Error('the report must be stored');
    return report;
  }

  it('keeps a confirmed report for the default seven days, then keeps only what the case page shows', async () => {
    const report = await sentReport();
    expect(report.confirmedAt).toBe(SENT_AT.toISOString());
    expect(await purgeSentReports(db, new Date(after(7).getTime() - 1))).toBe(0);
    expect((await db.reports.get(report.id))?.answers).toMatchObject({ summary_text: WORDS });

    expect(await purgeSentReports(db, after(7))).toBe(1);
    const stub = await db.reports.get(report.id);
    expect(stub).toMatchObject({ id: report.id, caseId: report.caseId, formId: 'hearing', formVersion: 1, status: 'final', sync: 'sent', serverVersion: 1, hearingDate: '2026-11-19', purgedAt: after(7).toISOString() });
    expect(stub?.answers).toEqual({});
    expect(stub?.notes).toBeUndefined();
    expect(stub?.history).toBeUndefined();
    expect(JSON.stringify(stub)).not.toContain('Qwyndel');
    expect(JSON.stringify(stub)).not.toContain('badge 41');
    // The case page still files it on its hearing day and shows it as sent.
    const timeline = await timelineOfCase(db, report.caseId);
    expect(timeline.map(({ report: r }) => [r.id, r.sync, hearingDateOfReport(r)])).toEqual([[report.id, 'sent', '2026-11-19']]);
    // A second pass has nothing left to do.
    expect(await purgeSentReports(db, after(30))).toBe(0);
    // An amendment would start from nothing and send that: a purged report is not reopened.
    await expect(reopenReport(db, report.id, 'a name was wrong', after(8))).rejects.toThrow('not_reopenable');
  });

  it('never purges a draft, an amendment being written, a report waiting in the outbox or a refused one', async () => {
    const amended = await sentReport();
    await reopenReport(db, amended.id, 'a name was wrong', SENT_AT);
    await db.reports.put({ ...(await sentReport()), sync: 'refused', syncNote: 'unknown_field' });
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-D', court: '' }, SENT_AT);
    const draft = await startReport(db, kase, hearing, SENT_AT);
    await saveAnswers(db, draft.id, { hearing_date: '2026-11-19', monitors_admitted: 'yes', summary_text: WORDS }, SENT_AT);
    const waiting = await startReport(db, kase, hearing, SENT_AT);
    await saveAnswers(db, waiting.id, { hearing_date: '2026-11-19', monitors_admitted: 'yes', summary_text: WORDS }, SENT_AT);
    await finaliseReport(db, waiting.id, hearing, SENT_AT);
    await setRetention(0);

    expect(await purgeSentReports(db, after(365))).toBe(0);
    const kept = await db.reports.toArray();
    expect(kept.map((r) => r.sync).sort()).toEqual(['draft', 'draft', 'refused', 'waiting']);
    for (const report of kept) expect(report.answers).toMatchObject({ summary_text: WORDS });
  });

  it('never purges a sent report that has a row in the outbox (an amendment finalised but not yet confirmed)', async () => {
    const report = await sentReport();
    await reopenReport(db, report.id, 'the time was wrong', SENT_AT);
    await finaliseReport(db, report.id, hearing, after(1));
    // The server confirms the first batch only up to an earlier seq: the amendment stays queued.
    await db.reports.update(report.id, { sync: 'sent' });
    expect(await db.outbox.filter((row) => row.id === report.id).count()).toBe(1);
    expect(await purgeSentReports(db, after(365))).toBe(0);
    expect((await db.reports.get(report.id))?.answers).toMatchObject({ summary_text: WORDS });
  });

  it('follows the project setting, and a change of it takes effect on the next purge', async () => {
    const report = await sentReport();
    await setRetention(null);
    expect(await purgeSentReports(db, after(400))).toBe(0);
    await setRetention(30);
    expect(await purgeSentReports(db, after(29))).toBe(0);
    await setRetention(1);
    expect(await purgeSentReports(db, after(1))).toBe(1);
    expect((await db.reports.get(report.id))?.answers).toEqual({});
  });

  it('purges as soon as the server confirms when the setting is 0', async () => {
    await setRetention(0);
    const report = await sentReport();
    expect(await purgeSentReports(db, SENT_AT)).toBe(1);
    expect((await db.reports.get(report.id))?.purgedAt).toBe(SENT_AT.toISOString());
  });

  it('deletes the files only the purged report named, and waits while a file is not yet verified', async () => {
    const report = await sentReport();
    const photo = await storeFile(db, PROJECT, { blob: new Blob(['a photo of the dock'], { type: 'image/jpeg' }), kind: 'photo' }, SENT_AT);
    await db.reports.put({ ...report, answers: { ...report.answers, photos: [`sha256:${photo.hash}`] } });
    // Still pending: its bytes are needed for the upload, so the report keeps its words.
    expect(await purgeSentReports(db, after(8))).toBe(0);
    const { blob: _bytes, ...verified } = photo;
    await db.attachments.put({ ...verified, state: 'complete', received: photo.size });
    expect(await purgeSentReports(db, after(8))).toBe(1);
    expect(await db.attachments.count()).toBe(0);
  });

  it('keeps a file another report still names', async () => {
    const report = await sentReport();
    const photo = await storeFile(db, PROJECT, { blob: new Blob(['the same photo'], { type: 'image/jpeg' }), kind: 'photo' }, SENT_AT);
    const { blob: _bytes, ...verified } = photo;
    await db.attachments.put({ ...verified, state: 'complete', received: photo.size });
    await db.reports.put({ ...report, answers: { ...report.answers, photos: [`sha256:${photo.hash}`] } });
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-other', court: '' }, SENT_AT);
    const other = await startReport(db, kase, hearing, SENT_AT);
    await saveAnswers(db, other.id, { photos: [`sha256:${photo.hash}`] }, SENT_AT);
    expect(await purgeSentReports(db, after(8))).toBe(1);
    expect(await db.attachments.count()).toBe(1);
  });

  it('does not bring the words back when the same version is pulled again, and keeps a newer version until it is old', async () => {
    const report = await sentReport();
    await purgeSentReports(db, after(8));
    const record = { id: report.id, projectId: PROJECT, caseId: report.caseId, formId: 'hearing', formVersion: 1, authorId: 'me', hearingDate: '2026-11-19', answers: { summary_text: WORDS }, receivedAt: SENT_AT.toISOString() };
    await applyPull(db, { cursor: 2, hasMore: false, changes: [{ position: 2, entity: 'report', data: { ...record, version: 1 } }] });
    expect((await db.reports.get(report.id))?.answers).toEqual({});
    // Amended on the observer's other phone: version 2 is new to this one, kept, and purged in its turn.
    await applyPull(db, { cursor: 3, hasMore: false, changes: [{ position: 3, entity: 'report', data: { ...record, version: 2, answers: { summary_text: 'amended' }, receivedAt: after(9).toISOString() } }] });
    const amended = await db.reports.get(report.id);
    expect(amended).toMatchObject({ serverVersion: 2, answers: { summary_text: 'amended' } });
    expect(amended?.purgedAt).toBeUndefined();
    expect(await purgeSentReports(db, after(15))).toBe(0);
    expect(await purgeSentReports(db, after(16))).toBe(1);
  });
});
