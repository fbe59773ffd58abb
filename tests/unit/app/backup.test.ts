import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markRefused, storeFile } from '../../../src/app/attachments/blob-store.ts';
import { backupErrorText } from '../../../src/app/backup/backup-error-text.ts';
import { exportBackup } from '../../../src/app/backup/export-backup.ts';
import { BackupError, importBackup, parseBackup } from '../../../src/app/backup/import-backup.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { getForm } from '../../../src/app/db/forms.ts';
import { reply } from '../../../src/app/db/reviews.ts';
import { addNote, finaliseReport, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { deviceId } from '../../../src/app/db/state.ts';
import { applyPull } from '../../../src/app/sync/apply.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import { loadLanguage, translator } from '../../../src/app/base/i18n/messages.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const hearingDefinition: unknown = JSON.parse(readFileSync('forms/hearing@1.json', 'utf8'));
const loaded = loadForm(hearingDefinition);
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';
const USER = '01900000-0000-7000-8000-0000000000aa';
const answers = { hearing_date: '2026-11-20', monitors_admitted: 'no', summary_text: 'Closed to monitors.' };

let name = 0;
async function freshDb(): Promise<DeviceDatabase> {
  name += 1;
  const db = new DeviceDatabase(`backup-${name}`, await testDataKey());
  await db.open();
  await applyPull(db, { cursor: 1, hasMore: false, changes: [{ position: 1, entity: 'form', data: { id: 'hearing', version: 1, definition: hearingDefinition } }] });
  return db;
}

const PHOTO_BYTES = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);

/** A device with a case, a draft with a quick note, a finalised unsent report, an unsent reply and an unsent photo. */
async function filledDevice(db: DeviceDatabase) {
  const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: 'Bishkek' });
  const draft = await startReport(db, kase, hearing);
  await saveAnswers(db, draft.id, { summary_text: 'Half written' });
  await addNote(db, draft.id, 'access', '10:05 guard turned two monitors away');
  await storeFile(db, PROJECT, { blob: new Blob([PHOTO_BYTES], { type: 'image/jpeg' }), kind: 'photo' });
  const final = await startReport(db, kase, hearing);
  await saveAnswers(db, final.id, answers);
  await finaliseReport(db, final.id, hearing);
  await reply(db, final.id, 'The judge left at 11:00.');
  return { kase, draft, final };
}

describe('backup of the device database', () => {
  const open: DeviceDatabase[] = [];
  const make = async (): Promise<DeviceDatabase> => {
    const db = await freshDb();
    open.push(db);
    return db;
  };
  beforeAll(async () => {
    await loadLanguage('ru');
  });
  beforeEach(() => {
    open.length = 0;
  });
  afterEach(async () => {
    for (const db of open) await db.delete();
  });

  it('restores every case, report, reply and checklist into an empty device, queued under its own numbering', async () => {
    const source = await make();
    const { kase, draft, final } = await filledDevice(source);
    const text = JSON.stringify(await exportBackup(source, USER));

    const target = await make();
    const targetDevice = await deviceId(target);
    const summary = await importBackup(target, parseBackup(text, USER));

    expect(summary).toMatchObject({ added: 3, updated: 0, keptLocal: 0, queued: 3 });
    expect(await target.cases.get(kase.id)).toEqual(await source.cases.get(kase.id));
    expect(await target.reports.get(draft.id)).toEqual(await source.reports.get(draft.id));
    expect(await target.reports.get(final.id)).toEqual(await source.reports.get(final.id));
    expect((await target.reports.get(draft.id))?.notes?.map((n) => n.text)).toEqual(['10:05 guard turned two monitors away']);
    expect(await getForm(target, 'hearing', 1)).toBeDefined();
    const [photo] = await target.attachments.toArray();
    expect(photo).toMatchObject({ projectId: PROJECT, kind: 'photo', state: 'pending', size: PHOTO_BYTES.length });
    expect(new Uint8Array((await photo?.blob?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(PHOTO_BYTES);
    const outbox = await target.outbox.orderBy('seq').toArray();
    expect(outbox.map((row) => [row.seq, row.entity])).toEqual([
      [1, 'case'],
      [2, 'report'],
      [3, 'comment'],
    ]);
    expect(outbox[1]?.payload).toEqual((await source.outbox.toArray())[1]?.payload);
    // The device keeps its own identity: the file's device id and seq stay in the file.
    expect(await deviceId(target)).toBe(targetDevice);

    // Importing the same file again changes nothing and queues nothing twice.
    expect(await importBackup(target, parseBackup(text, USER))).toMatchObject({ added: 0, updated: 0, keptLocal: 3, queued: 0 });
    expect(await target.outbox.count()).toBe(3);
  });

  it('carries a refused file’s refusal code and parameters, and still reads an older backup with only a note', async () => {
    const source = await make();
    const file = await storeFile(source, PROJECT, { blob: new Blob([PHOTO_BYTES], { type: 'image/jpeg' }), kind: 'photo' });
    await markRefused(source, file, { code: 'attachment_too_large', params: { kib: 69, maxKib: 64 } });
    const backup = await exportBackup(source, USER);

    const target = await make();
    await importBackup(target, parseBackup(JSON.stringify(backup), USER));
    expect(await target.attachments.get([PROJECT, file.hash])).toMatchObject({ state: 'refused', refusal: { code: 'attachment_too_large', params: { kib: 69, maxKib: 64 } } });

    const older = { ...backup, attachments: backup.attachments.map(({ refusal: _refusal, ...rest }) => ({ ...rest, note: 'This file is 69 KiB.' })) };
    const oldTarget = await make();
    await importBackup(oldTarget, parseBackup(JSON.stringify(older), USER));
    expect(await oldTarget.attachments.get([PROJECT, file.hash])).toMatchObject({ state: 'refused', note: 'This file is 69 KiB.' });
  });

  it('never replaces newer local data: a later local draft stays, a local final beats the file draft', async () => {
    const source = await make();
    const { draft, final } = await filledDevice(source);
    const text = JSON.stringify(await exportBackup(source, USER, new Date()));

    const target = await make();
    await importBackup(target, parseBackup(text, USER));
    await saveAnswers(target, draft.id, { summary_text: 'Written later on this device' }, new Date(Date.now() + 60_000));

    // The file has an older version of the draft and a newer copy of nothing.
    expect(await importBackup(target, parseBackup(text, USER))).toMatchObject({ updated: 0 });
    expect((await target.reports.get(draft.id))?.answers).toEqual({ summary_text: 'Written later on this device' });
    expect((await target.reports.get(final.id))?.status).toBe('final');

    // A draft in the file never replaces the same report finalised here.
    const stale = JSON.parse(text) as { reports: { id: string; status: string; sync: string; updatedAt: string }[] };
    for (const report of stale.reports) if (report.id === final.id) Object.assign(report, { status: 'draft', sync: 'draft', updatedAt: '2099-01-01T00:00:00.000Z' });
    await importBackup(target, parseBackup(JSON.stringify(stale), USER));
    expect((await target.reports.get(final.id))?.status).toBe('final');
  });

  it('refuses a damaged, foreign or newer file with a clear code and changes nothing', async () => {
    const source = await make();
    await filledDevice(source);
    const backup = await exportBackup(source, USER);
    const target = await make();
    const before = JSON.stringify(await exportBackup(target, USER, new Date(0)));

    const attempt = (text: string, user = USER): string => {
      try {
        parseBackup(text, user);
        return 'accepted';
      } catch (error) {
        return error instanceof BackupError ? error.code : 'other';
      }
    };
    expect(attempt('{not json')).toBe('not_json');
    expect(attempt(JSON.stringify({ hello: 1 }))).toBe('not_backup');
    expect(attempt(JSON.stringify({ ...backup, version: 99 }))).toBe('newer_version');
    expect(attempt(JSON.stringify(backup), '01900000-0000-7000-8000-0000000000bb')).toBe('other_account');
    const damaged = { ...backup, reports: backup.reports.map((r, i) => (i === 0 ? { ...r, caseId: 'not-a-uuid' } : r)) };
    expect(attempt(JSON.stringify(damaged))).toBe('invalid');
    try {
      parseBackup(JSON.stringify(damaged), USER);
    } catch (error) {
      expect((error as BackupError).issues[0]).toMatchObject({ path: 'reports.0.caseId', code: 'not_uuid' });
      // Said in the reader's language, by the fault's kind: not the schema's English.
      const ru = { t: translator('ru'), language: 'ru' as const };
      expect(backupErrorText(ru, 'import', error)).toBe('Файл копии повреждён или изменён. Ничего не изменено. (reports.0.caseId: должен быть идентификатор (UUID))');
    }
    // Anything else (storage full, a bug) in general words, never its English message or class name.
    const failed = backupErrorText({ t: translator('ru'), language: 'ru' }, 'export', new TypeError("Cannot read properties of undefined (reading 'blob')"));
    expect(failed).not.toMatch(/TypeError|Cannot read|blob/);
    expect(failed).toMatch(/^[А-Я]/);
    const cut = { ...backup, attachments: backup.attachments.map((file) => ({ ...file, data: file.data?.slice(0, 400) })) };
    expect(attempt(JSON.stringify(cut))).toBe('invalid');
    const bytesLost = { ...backup, attachments: backup.attachments.map(({ data: _data, ...file }) => file) };
    expect(attempt(JSON.stringify(bytesLost))).toBe('invalid');
    expect(JSON.stringify(await exportBackup(target, USER, new Date(0)))).toBe(before);
  });
});
