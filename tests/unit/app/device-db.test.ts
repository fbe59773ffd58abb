import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { getForm, latestForms } from '../../../src/app/db/forms.ts';
import { finaliseReport, ReportError, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { deviceId, readNumber } from '../../../src/app/db/state.ts';
import { applyPull, applyPushResponse } from '../../../src/app/sync/apply.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const hearingDefinition: unknown = JSON.parse(readFileSync('forms/hearing@1.json', 'utf8'));
const loaded = loadForm(hearingDefinition);
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';

describe('the device database', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`test-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('writes a new case and its outbox row together, numbering the outbox per device', async () => {
    const first = await createCase(db, { projectId: PROJECT, code: ' KG-1 ', court: 'Bishkek' });
    await createCase(db, { projectId: PROJECT, code: 'KG-2', court: '' });
    expect(first.code).toBe('KG-1');
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => [r.seq, r.entity, r.id === first.id])).toEqual([
      [1, 'case', true],
      [2, 'case', false],
    ]);
    expect(outbox[0]?.payload).toEqual({ projectId: PROJECT, code: 'KG-1', court: 'Bishkek' });
  });

  it('refuses an empty case code and stores nothing', async () => {
    await expect(createCase(db, { projectId: PROJECT, code: '   ', court: '' })).rejects.toThrow('code_required');
    expect(await db.cases.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps one device id for the life of the database', async () => {
    const id = await deviceId(db);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await deviceId(db)).toBe(id);
  });

  it('autosaves drafts without queueing them, and finalising queues exactly one report', async () => {
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, { hearing_date: '2026-11-20' });
    await saveAnswers(db, report.id, { hearing_date: '2026-11-20', monitors_admitted: 'yes' });
    expect(await db.outbox.count()).toBe(1); // only the case
    expect((await db.reports.get(report.id))?.answers).toEqual({ hearing_date: '2026-11-20', monitors_admitted: 'yes' });

    const final = await finaliseReport(db, report.id, hearing);
    expect(final.status).toBe('final');
    expect(final.sync).toBe('waiting');
    const queued = await db.outbox.orderBy('seq').last();
    expect(queued).toMatchObject({ seq: 2, entity: 'report', id: report.id, baseVersion: 0, payload: { hearingDate: '2026-11-20', formId: 'hearing', answers: { monitors_admitted: 'yes' } } });
    await expect(saveAnswers(db, report.id, {})).rejects.toThrow(ReportError);
  });

  it('will not finalise a report with a missing required answer', async () => {
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, { monitors_admitted: 'yes' });
    await expect(finaliseReport(db, report.id, hearing)).rejects.toThrow('invalid');
    expect((await db.reports.get(report.id))?.status).toBe('draft');
    expect(await db.outbox.count()).toBe(1);
  });

  it('settles a push: outcomes recorded, rows up to lastSeq deleted, later rows kept', async () => {
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, { hearing_date: '2026-11-20', monitors_admitted: 'no' });
    await finaliseReport(db, report.id, hearing);
    await createCase(db, { projectId: PROJECT, code: 'KG-3', court: '' });
    const batch = await db.outbox.orderBy('seq').toArray();
    const settled = await applyPushResponse(db, batch, {
      lastSeq: 2,
      results: [
        { seq: 1, status: 'applied', version: 1 },
        { seq: 2, status: 'refused', reason: 'You are not assigned to the case of this report.' },
      ],
    });
    expect(settled).toBe(2);
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([3]);
    expect((await db.cases.get(kase.id))?.version).toBe(1);
    const refused = await db.reports.get(report.id);
    expect(refused).toMatchObject({ sync: 'refused', syncNote: 'You are not assigned to the case of this report.', status: 'final' });
    expect(refused?.answers).toEqual({ hearing_date: '2026-11-20', monitors_admitted: 'no' });
  });

  it('applies a pulled page and its cursor together, and never overwrites a local draft', async () => {
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
    const draft = await startReport(db, kase, hearing);
    await saveAnswers(db, draft.id, { summary_text: 'my words' });
    await applyPull(db, {
      cursor: 7,
      hasMore: false,
      changes: [
        { position: 5, entity: 'form', data: { id: 'hearing', version: 1, definition: hearingDefinition } },
        {
          position: 6,
          entity: 'report',
          data: { id: draft.id, projectId: PROJECT, caseId: kase.id, formId: 'hearing', formVersion: 1, authorId: 'u', hearingDate: '2026-11-20', version: 1, answers: { summary_text: 'server words' }, receivedAt: '2026-11-21T00:00:00Z' },
        },
        { position: 7, entity: 'case', data: { id: '01900000-0000-7000-8000-0000000000aa', projectId: PROJECT, code: 'FROM-SERVER', court: 'Osh', version: 1, createdAt: '2026-11-21T00:00:00Z', updatedAt: '2026-11-21T00:00:00Z' } },
      ],
    });
    expect(await readNumber(db, 'cursor')).toBe(7);
    expect((await db.reports.get(draft.id))?.answers).toEqual({ summary_text: 'my words' });
    expect((await db.cases.get('01900000-0000-7000-8000-0000000000aa'))?.code).toBe('FROM-SERVER');
    expect((await latestForms(db)).map((f) => `${f.id}@${f.version}`)).toEqual(['hearing@1']);
  });
});

describe('form versions on the device', () => {
  it('keeps a draft on the version it started with when a newer version arrives, and starts new reports on the newest', async () => {
    const db = new DeviceDatabase('test-versions', await testDataKey());
    await db.open();
    try {
      await applyPull(db, { cursor: 1, hasMore: false, changes: [{ position: 1, entity: 'form', data: { id: 'hearing', version: 1, definition: hearingDefinition } }] });
      const kase = await createCase(db, { projectId: PROJECT, code: 'KG-V', court: '' });
      const draft = await startReport(db, kase, hearing);
      await saveAnswers(db, draft.id, { hearing_date: '2026-11-20', monitors_admitted: 'yes' });

      const version2 = { ...(hearingDefinition as Record<string, unknown>), version: 2 };
      await applyPull(db, { cursor: 2, hasMore: false, changes: [{ position: 2, entity: 'form', data: { id: 'hearing', version: 2, definition: version2 } }] });

      expect((await latestForms(db)).map((f) => `${f.id}@${f.version}`)).toEqual(['hearing@2']);
      const kept = await db.reports.get(draft.id);
      expect(kept?.formVersion).toBe(1);
      expect((await getForm(db, 'hearing', 1))?.version).toBe(1);
      const final = await finaliseReport(db, draft.id, hearing);
      expect(final.formVersion).toBe(1);
      expect((await db.outbox.orderBy('seq').last())?.payload).toMatchObject({ formId: 'hearing', formVersion: 1 });
    } finally {
      await db.delete();
    }
  });
});
