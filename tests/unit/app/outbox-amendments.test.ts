import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { nextBatch, pendingCount } from '../../../src/app/db/outbox.ts';
import type { LocalCase, LocalReport } from '../../../src/app/db/records.ts';
import { addNote, finaliseReport, reopenReport, ReportError, reportsOfCase, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { applyPull, applyPushResponse } from '../../../src/app/sync/apply.ts';
import { shownState } from '../../../src/app/sync/report-state.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';
const VALID = { hearing_date: '2026-11-20', monitors_admitted: 'yes' } as const;

describe('the outbox, amendments, refusals and notes on the device', () => {
  let db: DeviceDatabase;
  let kase: LocalCase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`outbox-${name}`, await testDataKey());
    await db.open();
    kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
  });
  afterEach(async () => {
    await db.delete();
  });

  const finalised = async (answers: Record<string, string> = VALID): Promise<string> => {
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, answers);
    await finaliseReport(db, report.id, hearing);
    return report.id;
  };
  const stored = async (id: string): Promise<LocalReport> => {
    const report = await db.reports.get(id);
    if (report === undefined) throw new Error(`report ${id} is not on the device`);
    return report;
  };
  const confirmAll = async (version: number): Promise<void> => {
    const batch = await nextBatch(db, 50);
    const last = batch[batch.length - 1]?.seq ?? 0;
    await applyPushResponse(db, batch, { lastSeq: last, results: batch.map((row) => ({ seq: row.seq, status: 'applied', version })) });
  };

  it('hands out batches in seq order, and a response that arrives twice settles nothing twice', async () => {
    for (let i = 2; i <= 5; i += 1) await createCase(db, { projectId: PROJECT, code: `KG-${i}`, court: '' });
    const first = await nextBatch(db, 3);
    expect(first.map((r) => r.seq)).toEqual([1, 2, 3]);
    const response = { lastSeq: 3, results: first.map((r) => ({ seq: r.seq, status: 'applied' as const, version: 1 })) };
    expect(await applyPushResponse(db, first, response)).toBe(3);
    expect(await applyPushResponse(db, first, response)).toBe(3);
    expect((await nextBatch(db, 3)).map((r) => r.seq)).toEqual([4, 5]);
    expect(await pendingCount(db)).toBe(2);
  });

  it('keeps rows the server did not confirm (a gap): they go again with the next push', async () => {
    await createCase(db, { projectId: PROJECT, code: 'KG-2', court: '' });
    const batch = await nextBatch(db, 10);
    expect(await applyPushResponse(db, batch, { lastSeq: 1, results: [{ seq: 1, status: 'applied', version: 1 }] })).toBe(1);
    expect((await nextBatch(db, 10)).map((r) => r.seq)).toEqual([2]);
  });

  it('an amendment needs a reason, is queued as a new content with it and the version it amends, and lists both versions', async () => {
    const id = await finalised();
    await confirmAll(1);
    await expect(reopenReport(db, id, '   ')).rejects.toThrow(new ReportError('reason_required'));
    expect((await db.reports.get(id))?.status).toBe('final');

    await reopenReport(db, id, 'The judge left at 12:40, not 12:10.');
    await saveAnswers(db, id, { ...VALID, summary_text: 'corrected' });
    await finaliseReport(db, id, hearing);
    const queued = await nextBatch(db, 10);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ entity: 'report', id, baseVersion: 1, payload: { reason: 'The judge left at 12:40, not 12:10.', answers: { summary_text: 'corrected' } } });

    await confirmAll(2);
    const report = await db.reports.get(id);
    expect(report).toMatchObject({ status: 'final', sync: 'sent', serverVersion: 2 });
    expect(report?.amendReason).toBeUndefined();
    expect(report?.history?.map((h) => [h.version, h.reason])).toEqual([
      [1, undefined],
      [2, 'The judge left at 12:40, not 12:10.'],
    ]);
  });

  it('a report still waiting to be sent cannot be reopened', async () => {
    const id = await finalised();
    await expect(reopenReport(db, id, 'why')).rejects.toThrow(new ReportError('not_reopenable'));
  });

  it('a refused report stays on the device with the reason, can be corrected and finalised again', async () => {
    const id = await finalised();
    const batch = await nextBatch(db, 10);
    await applyPushResponse(db, batch, { lastSeq: 2, results: [{ seq: 1, status: 'applied', version: 1 }, { seq: 2, status: 'refused', reason: 'You are not assigned to the case of this report.' }] });
    const refused = await stored(id);
    expect(refused).toMatchObject({ sync: 'refused', syncNote: 'You are not assigned to the case of this report.' });
    expect(shownState(refused, undefined)).toBe('refused');

    // Never accepted, so nothing to amend: no reason asked; the refusal stays visible while editing.
    const draft = await reopenReport(db, id, '');
    expect(draft).toMatchObject({ status: 'draft', sync: 'draft', syncNote: 'You are not assigned to the case of this report.' });
    expect(draft.amendReason).toBeUndefined();
    await finaliseReport(db, id, hearing);
    const again = await nextBatch(db, 10);
    expect(again).toMatchObject([{ seq: 3, entity: 'report', id, baseVersion: 0 }]);
    expect((again[0]?.payload as { reason?: string }).reason).toBeUndefined();
    expect((await db.reports.get(id))?.syncNote).toBeUndefined();
  });

  it('a pull of an older server version never overwrites a refused report kept for correction', async () => {
    const id = await finalised();
    await confirmAll(1);
    await reopenReport(db, id, 'Corrected the start time.');
    await saveAnswers(db, id, { ...VALID, actual_start: '10:40' });
    await finaliseReport(db, id, hearing);
    const batch = await nextBatch(db, 10);
    await applyPushResponse(db, batch, { lastSeq: batch[0]?.seq ?? 0, results: [{ seq: batch[0]?.seq ?? 0, status: 'refused', reason: 'The form hearing@1 was never published on this server.' }] });
    await applyPull(db, {
      cursor: 3,
      hasMore: false,
      changes: [{ position: 3, entity: 'report', data: { id, projectId: PROJECT, caseId: kase.id, formId: 'hearing', formVersion: 1, authorId: 'u', hearingDate: '2026-11-20', version: 1, answers: VALID, receivedAt: '2026-11-21T00:00:00Z' } }],
    });
    expect(await stored(id)).toMatchObject({ sync: 'refused', answers: { ...VALID, actual_start: '10:40' } });
  });

  it('shows reviewed once a review exists for a sent report', async () => {
    const id = await finalised();
    await confirmAll(1);
    const sent = await stored(id);
    expect(shownState(sent, undefined)).toBe('sent');
    await applyPull(db, { cursor: 1, hasMore: false, changes: [{ position: 1, entity: 'review', data: { reportId: id, projectId: PROJECT, status: 'received', updatedAt: '2026-11-22T00:00:00Z', comments: [] } }] });
    expect(shownState(sent, await db.reviews.get(id))).toBe('reviewed');
  });

  it('keeps quick notes on the report, with their section and time, through a pull of the same report', async () => {
    const id = await finalised();
    await expect(addNote(db, id, 'details', '  ')).rejects.toThrow(new ReportError('note_empty'));
    await addNote(db, id, 'details', 'Judge arrived 40 min late', new Date('2026-11-20T09:40:00Z'));
    await confirmAll(1);
    await applyPull(db, {
      cursor: 2,
      hasMore: false,
      changes: [{ position: 2, entity: 'report', data: { id, projectId: PROJECT, caseId: kase.id, formId: 'hearing', formVersion: 1, authorId: 'u', hearingDate: '2026-11-20', version: 1, answers: VALID, receivedAt: '2026-11-21T00:00:00Z' } }],
    });
    expect((await db.reports.get(id))?.notes).toMatchObject([{ sectionId: 'details', at: '2026-11-20T09:40:00.000Z', text: 'Judge arrived 40 min late' }]);
    expect(await nextBatch(db, 10)).toEqual([]);
  });

  it('orders a case timeline by hearing date, not by when the report was started', async () => {
    const late = await startReport(db, kase, hearing);
    await saveAnswers(db, late.id, { hearing_date: '2026-12-05' });
    const early = await startReport(db, kase, hearing);
    await saveAnswers(db, early.id, { hearing_date: '2026-10-01' });
    expect((await reportsOfCase(db, kase.id)).map((r) => r.id)).toEqual([early.id, late.id]);
  });
});
