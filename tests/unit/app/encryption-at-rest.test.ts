import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';
import { storeFile } from '../../../src/app/attachments/blob-store.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { SEALED } from '../../../src/app/db/encryption.ts';
import { addNote, reopenReport, saveAnswers, startReport } from '../../../src/app/db/reports.ts';
import { reply } from '../../../src/app/db/reviews.ts';
import { TamperedCiphertext } from '../../../src/app/lock/crypto.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing@1.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const PROJECT = '01900000-0000-7000-8000-000000000001';
// Words a searcher would look for, one per kind of content.
const WORDS = { court: 'Zyxcourtname', answer: 'Quorvexanswer', note: 'Plimnoteword', reason: 'Vantareason', reply: 'Grelbreply', comment: 'Ostricomment', file: 'Fennbytesfile' };

/** Every record of every store, read with a second connection that has no middleware: what is on disk. */
function rawRecords(name: string): Promise<Map<string, unknown[]>> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
    request.onsuccess = () => {
      const idb = request.result;
      const names = [...idb.objectStoreNames];
      const tx = idb.transaction(names, 'readonly');
      const out = new Map<string, unknown[]>();
      for (const store of names) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => out.set(store, all.result as unknown[]);
      }
      tx.oncomplete = () => {
        idb.close();
        resolve(out);
      };
    };
  });
}

/** Everything a record holds, as text: strings as they are, bytes and files decoded as UTF-8 and UTF-16LE. */
async function textOf(value: unknown): Promise<string> {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value) + new TextDecoder('utf-16le').decode(value);
  if (value instanceof Blob) return textOf(new Uint8Array(await value.arrayBuffer()));
  if (typeof value === 'object' && value !== null) return (await Promise.all(Object.entries(value).map(async ([k, v]) => `${k} ${await textOf(v)}`))).join(' ');
  return String(value);
}

describe('encryption at rest', () => {
  let db: DeviceDatabase;
  let key: CryptoKey;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    key = await testDataKey();
    db = new DeviceDatabase(`at-rest-${name}`, key);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('stores no content in readable form, whichever repository writes it, and reads it all back', async () => {
    const kase = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: WORDS.court });
    const report = await startReport(db, kase, hearing);
    await saveAnswers(db, report.id, { ...report.answers, courtroom: WORDS.answer });
    await addNote(db, report.id, hearing.sections[0]?.id ?? 's', WORDS.note);
    await db.reports.update(report.id, { sync: 'sent', status: 'final', serverVersion: 1 });
    await reopenReport(db, report.id, WORDS.reason);
    await reply(db, report.id, WORDS.reply);
    await db.reviews.put({ reportId: report.id, projectId: PROJECT, status: 'needs_clarification', updatedAt: new Date().toISOString(), comments: [{ id: 'c1', author: 'coord', body: WORDS.comment, createdAt: new Date().toISOString() }] } as never);
    await storeFile(db, PROJECT, { blob: new Blob([WORDS.file], { type: 'text/plain' }), kind: 'photo' });

    const raw = await rawRecords(db.name);
    const everything = (await Promise.all([...raw.values()].flat().map(textOf))).join('\n');
    for (const word of Object.values(WORDS)) expect(everything).not.toContain(word);
    // Only ids, dates and states are readable, beside the sealed record.
    const [storedReport] = raw.get('reports') as Record<string, unknown>[];
    expect(Object.keys(storedReport ?? {}).sort()).toEqual(['caseId', 'id', SEALED, 'status', 'updatedAt'].sort());

    const back = await db.reports.get(report.id);
    expect(back?.answers['courtroom']).toBe(WORDS.answer);
    expect(back?.notes?.[0]?.text).toBe(WORDS.note);
    expect(back?.amendReason).toBe(WORDS.reason);
    expect((await db.cases.get(kase.id))?.court).toBe(WORDS.court);
    const [file] = await db.attachments.toArray();
    expect(await file?.blob?.text()).toBe(WORDS.file);
    expect((await db.outbox.toArray()).some((row) => row.entity === 'comment' && row.payload.body === WORDS.reply)).toBe(true);
  });

  it('refuses a record that was altered, moved to another record, or read with another key', async () => {
    const first = await createCase(db, { projectId: PROJECT, code: 'KG-1', court: WORDS.court });
    const second = await createCase(db, { projectId: PROJECT, code: 'KG-2', court: 'other' });
    const raw = (await rawRecords(db.name)).get('cases') as Record<string, unknown>[];
    const sealedOf = (id: string): Uint8Array => raw.find((r) => r['id'] === id)?.[SEALED] as Uint8Array;
    db.close();

    const writeRaw = (record: unknown): Promise<void> =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(db.name);
        request.onsuccess = () => {
          const tx = request.result.transaction('cases', 'readwrite');
          tx.objectStore('cases').put(record);
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      });
    // The second case's ciphertext put under the first case's id.
    await writeRaw({ ...raw.find((r) => r['id'] === first.id), [SEALED]: sealedOf(second.id) });
    await db.open();
    await expect(db.cases.get(first.id)).rejects.toBeInstanceOf(TamperedCiphertext);
    db.close();
    // One flipped bit.
    const flipped = sealedOf(second.id).slice();
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await writeRaw({ ...raw.find((r) => r['id'] === second.id), [SEALED]: flipped });
    await db.open();
    await expect(db.cases.get(second.id)).rejects.toBeInstanceOf(TamperedCiphertext);
    db.close();

    const stranger = new DeviceDatabase(db.name, await testDataKey());
    await expect(stranger.cases.toArray()).rejects.toBeInstanceOf(TamperedCiphertext);
    stranger.close();
    await db.open();
  });
  it('reads again what changed on disk after this connection sealed or read it: another tab, or altered bytes', async () => {
    const report = await startReport(db, await createCase(db, { projectId: PROJECT, code: 'KG-3', court: 'x' }), hearing);
    await saveAnswers(db, report.id, { summary_text: 'mine' });
    expect((await db.reports.get(report.id))?.answers).toEqual({ summary_text: 'mine' });
    // Another tab, the same key: its write is what this connection reads next, not what it remembers.
    const otherTab = new DeviceDatabase(db.name, key);
    await saveAnswers(otherTab, report.id, { summary_text: 'theirs' });
    otherTab.close();
    expect((await db.reports.get(report.id))?.answers).toEqual({ summary_text: 'theirs' });
    // Bytes altered behind this open connection, right after it read them: refused, not answered from memory.
    const stored = ((await rawRecords(db.name)).get('reports') as Record<string, unknown>[]).find((r) => r['id'] === report.id) ?? {};
    const flipped = (stored[SEALED] as Uint8Array).slice();
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(db.name);
      request.onsuccess = () => {
        const tx = request.result.transaction('reports', 'readwrite');
        tx.objectStore('reports').put({ ...stored, [SEALED]: flipped });
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      };
    });
    await expect(db.reports.get(report.id)).rejects.toBeInstanceOf(TamperedCiphertext);
  });
});
