import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import type { CaseRecord } from '../../../src/core/sync/protocol.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { addRegisterEntry } from '../../../src/app/db/register.ts';
import { finaliseReport, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { applyPull } from '../../../src/app/sync/apply.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing@1.json', 'utf8')) as unknown);
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';
const KEPT = '01900000-0000-7000-8000-0000000000b0';
const keptCase: CaseRecord = { id: KEPT, projectId: PROJECT, code: 'KG-17', court: 'City court', version: 2, createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-21T09:00:00.000Z' };

/** The device's apply of a `case_merge` change (src/app/sync/merged-case.ts), inside the pull's transaction. */
describe('applying a case merged away', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`merged-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  const merge = (from: string, position = 10): Promise<void> =>
    applyPull(db, {
      cursor: position + 1,
      hasMore: false,
      changes: [
        { position, entity: 'case', data: keptCase },
        { position: position + 1, entity: 'case_merge', data: { id: from, into: KEPT, projectId: PROJECT, mergedAt: '2026-11-21T09:00:00.000Z' } },
      ],
    });

  it('moves drafts and a report still in the outbox to the kept case, which is where the outbox sends it', async () => {
    const mine = await createCase(db, { projectId: PROJECT, code: 'kg-17', court: '' });
    await db.outbox.clear(); // the case itself reached the server (and was merged there)
    const draft = await startReport(db, mine, hearing);
    await saveAnswers(db, draft.id, { summary_text: 'half a sentence' });
    const waiting = await startReport(db, mine, hearing);
    await saveAnswers(db, waiting.id, { hearing_date: '2026-11-20', monitors_admitted: 'yes' });
    await finaliseReport(db, waiting.id, hearing);

    await merge(mine.id);
    expect(await db.cases.get(mine.id)).toBeUndefined();
    expect(await db.cases.get(KEPT)).toMatchObject({ code: 'KG-17' });
    expect(await db.reports.get(draft.id)).toMatchObject({ caseId: KEPT, status: 'draft', answers: { summary_text: 'half a sentence' } });
    expect(await db.reports.get(waiting.id)).toMatchObject({ caseId: KEPT, sync: 'waiting' });
    const queued = await db.outbox.toArray();
    expect(queued.map((row) => [row.entity, row.id, row.entity === 'report' ? row.payload.caseId : undefined])).toEqual([['report', waiting.id, KEPT]]);
  });

  it('moves the observer’s register, keeping an entry the kept case already has once and a clashing one beside it', async () => {
    const mine = await createCase(db, { projectId: PROJECT, code: 'kg-17', court: '' });
    await applyPull(db, { cursor: 1, hasMore: false, changes: [{ position: 1, entity: 'case', data: keptCase }] });
    await addRegisterEntry(db, KEPT, { code: 'D1', role: 'defendant', name: 'Иванов Пётр' });
    await addRegisterEntry(db, mine.id, { code: 'D1', role: 'defendant', name: 'иванов пётр' });
    await addRegisterEntry(db, mine.id, { code: 'W1', role: 'witness', name: 'Смирнова Анна' });
    await addRegisterEntry(db, KEPT, { code: 'W2', role: 'witness', name: 'Петров Иван' });
    await addRegisterEntry(db, mine.id, { code: 'W2', role: 'witness', name: 'Сидоров Олег' });

    await merge(mine.id);
    const register = (await db.register.toArray()).map((e) => [e.caseId, e.code, e.name]).sort((a, b) => `${a[1]}${a[2]}`.localeCompare(`${b[1]}${b[2]}`));
    expect(register).toEqual([
      [KEPT, 'D1', 'Иванов Пётр'],
      [KEPT, 'W1', 'Смирнова Анна'],
      [KEPT, 'W2', 'Петров Иван'],
      [KEPT, 'W2', 'Сидоров Олег'],
    ]);
  });

  it('changes nothing of other cases, and a merge of a case this phone never had only adds the kept case', async () => {
    const other = await createCase(db, { projectId: PROJECT, code: 'KG-99', court: '' });
    const draft = await startReport(db, other, hearing);
    await merge('01900000-0000-7000-8000-0000000000ff');
    expect((await db.cases.toArray()).map((c) => c.id).sort()).toEqual([other.id, KEPT].sort());
    expect(await db.reports.get(draft.id)).toMatchObject({ caseId: other.id });
    expect(await db.outbox.filter((row) => row.entity === 'case' && row.id === other.id).count()).toBe(1);
  });
});
