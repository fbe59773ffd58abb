import { testDataKey } from '../../helpers/data-key.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { nextBatch } from '../../../src/app/db/outbox.ts';
import type { LocalCase } from '../../../src/app/db/records.ts';
import { finaliseReport, hearingDateOfReport, reportsOfCase, saveAnswers, startReport } from '../../../src/app/db/reports.ts';

const PROJECT = '01900000-0000-7000-8000-000000000001';
const en = (words: string) => ({ en: words });

function form(id: string, dateItem: Record<string, unknown> | undefined): Form {
  const items = [{ id: 'what', type: 'text', label: en('What happened?') }, ...(dateItem === undefined ? [] : [{ id: 'sitting', type: 'date', label: en('Day'), ...dateItem }])];
  const result = loadForm({ id, version: 1, level: 'hearing', languages: ['en'], title: en(id), sections: [{ id: 'main', title: en('Main'), items }] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.form;
}

/** 22:30 on 14 January in New York (UTC-5), when UTC is already at 03:30 on 15 January. */
const EVENING_IN_NEW_YORK = new Date('2026-01-15T03:30:00Z');

describe('the day a report is filed under, on a device west of Greenwich', () => {
  const zone = process.env['TZ'];
  let db: DeviceDatabase;
  let kase: LocalCase;
  let name = 0;
  beforeAll(() => {
    process.env['TZ'] = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`hearing-date-${name}`, await testDataKey());
    await db.open();
    kase = await createCase(db, { projectId: PROJECT, code: 'KG-7', court: '' });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('runs in New York time (the premise of every case below)', () => {
    expect(EVENING_IN_NEW_YORK.getTimezoneOffset()).toBe(300);
  });

  it('is the local evening\'s day for a report started then, and the server is sent that day', async () => {
    const plain = form('note-form', undefined);
    const report = await startReport(db, kase, plain, EVENING_IN_NEW_YORK);
    expect(report.startedOn).toBe('2026-01-14');
    await saveAnswers(db, report.id, { what: 'Hearing adjourned' });
    await finaliseReport(db, report.id, plain, EVENING_IN_NEW_YORK);
    const row = (await nextBatch(db, 10)).find((r) => r.entity === 'report');
    expect(row?.payload).toMatchObject({ hearingDate: '2026-01-14' });
  });

  it('is the answer of the item the form declares as the hearing date, once answered', async () => {
    const dated = form('dated-form', { role: 'hearing_date' });
    const report = await startReport(db, kase, dated, EVENING_IN_NEW_YORK);
    await saveAnswers(db, report.id, { what: 'x', sitting: '2026-01-12' });
    await finaliseReport(db, report.id, dated, EVENING_IN_NEW_YORK);
    const row = (await nextBatch(db, 10)).find((r) => r.entity === 'report');
    expect(row?.payload).toMatchObject({ hearingDate: '2026-01-12' });
  });

  it('does not read a date item the form did not declare, and orders the case timeline by the filed day', async () => {
    const undeclared = form('undeclared-form', {});
    const evening = await startReport(db, kase, undeclared, EVENING_IN_NEW_YORK);
    await saveAnswers(db, evening.id, { sitting: '2026-01-02' });
    const morning = await startReport(db, kase, undeclared, new Date('2026-01-14T14:00:00Z'));
    const reports = await reportsOfCase(db, kase.id);
    expect(reports.map((r) => [r.id, hearingDateOfReport(r)])).toEqual([
      [morning.id, '2026-01-14'],
      [evening.id, '2026-01-14'],
    ]);
  });

  it('files a report stored before startedOn existed under the local day of its start', async () => {
    const old = await startReport(db, kase, form('old-form', undefined), EVENING_IN_NEW_YORK);
    const { startedOn: _dropped, ...stored } = old;
    expect(hearingDateOfReport(stored)).toBe('2026-01-14');
    expect(hearingDateOfReport({ ...stored, formId: 'hearing', formVersion: 1, answers: { hearing_date: '2026-01-08' } })).toBe('2026-01-08');
  });
});
