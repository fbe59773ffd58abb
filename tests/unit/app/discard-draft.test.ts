import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import type { LocalCase } from '../../../src/app/db/records.ts';
import { discardDraft, discardedOfCase, finaliseReport, ReportError, reportsOfCase, restoreDraft, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { applyPull } from '../../../src/app/sync/apply.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';

describe('discarding a draft started by mistake', () => {
  let db: DeviceDatabase;
  let kase: LocalCase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`discard-${name}`, await testDataKey());
    await db.open();
    kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
  });
  afterEach(async () => {
    await db.delete();
  });

  it('hides the draft at once, restores it with its answers, and the next sync deletes it for good', async () => {
    const draft = await startReport(db, kase, hearing);
    await saveAnswers(db, draft.id, { hearing_date: '2026-11-20' });
    await discardDraft(db, draft.id);
    expect(await reportsOfCase(db, kase.id)).toEqual([]);
    expect((await discardedOfCase(db, kase.id)).map((r) => r.id)).toEqual([draft.id]);

    await restoreDraft(db, draft.id);
    const restored = await reportsOfCase(db, kase.id);
    expect(restored.map((r) => [r.id, r.answers, r.discardedAt])).toEqual([[draft.id, { hearing_date: '2026-11-20' }, undefined]]);

    await discardDraft(db, draft.id);
    await applyPull(db, { cursor: 1, hasMore: false, changes: [] });
    expect(await db.reports.get(draft.id)).toBeUndefined();
    await expect(restoreDraft(db, draft.id)).rejects.toEqual(new ReportError('not_found'));
  });

  it('refuses to discard a finalised report, leaving it as it was', async () => {
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, { hearing_date: '2026-11-20', monitors_admitted: 'yes' });
    await finaliseReport(db, report.id, hearing);
    await expect(discardDraft(db, report.id)).rejects.toEqual(new ReportError('not_draft'));
    expect((await db.reports.get(report.id))?.discardedAt).toBeUndefined();
    await applyPull(db, { cursor: 1, hasMore: false, changes: [] });
    expect((await db.reports.get(report.id))?.status).toBe('final');
  });
});
