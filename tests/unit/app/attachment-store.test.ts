import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyProjectSettings } from '../../../src/app/attachments/apply-project.ts';
import { attachmentsOf, filesToSend, forgetIfUnused, markComplete, markRefused, ORPHAN_GRACE_MS, pruneOrphans, storeFile } from '../../../src/app/attachments/blob-store.ts';
import { sha256Hex } from '../../../src/app/attachments/hash.ts';
import { fitWithin } from '../../../src/app/attachments/prepare-file.ts';
import { projectAttachmentSettings } from '../../../src/app/attachments/project-settings.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import type { LocalReport } from '../../../src/app/db/records.ts';
import { applyPull } from '../../../src/app/sync/apply.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const PROJECT = '01900000-0000-7000-8000-000000000001';
const bytes = (text: string): Blob => new Blob([text], { type: 'application/pdf' });
const nodeSha = (text: string): string => createHash('sha256').update(text).digest('hex');

function report(id: string, status: 'draft' | 'final', refs: readonly string[]): LocalReport {
  return {
    id,
    projectId: PROJECT,
    caseId: '01900000-0000-7000-8000-0000000000c1',
    formId: 'hearing',
    formVersion: 1,
    status,
    answers: { observer_files: refs.map((hash) => `sha256:${hash}`) },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    serverVersion: 0,
    sync: status === 'draft' ? 'draft' : 'waiting',
  };
}

describe('the attachment store on the device', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`attachments-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('hashes with WebCrypto exactly as the server does', async () => {
    expect(await sha256Hex(bytes('ruling'))).toBe(nodeSha('ruling'));
    expect(await sha256Hex(new Blob([]))).toBe(nodeSha(''));
  });

  it('stores a file under its SHA-256, once however often it is attached, with its bytes', async () => {
    const first = await storeFile(db, PROJECT, { blob: bytes('ruling'), kind: 'document', name: 'ruling.pdf' });
    const again = await storeFile(db, PROJECT, { blob: bytes('ruling'), kind: 'document', name: 'copy.pdf' });
    expect(first).toMatchObject({ hash: nodeSha('ruling'), kind: 'document', mime: 'application/pdf', size: 6, name: 'ruling.pdf', state: 'pending', received: 0 });
    expect(again.name).toBe('ruling.pdf');
    expect(await db.attachments.count()).toBe(1);
    const stored = (await attachmentsOf(db, PROJECT, [first.hash])).get(first.hash);
    expect(await stored?.blob?.text()).toBe('ruling');
  });

  it('sends only files of final reports, and forgets a removed file only when no report names it', async () => {
    const kept = await storeFile(db, PROJECT, { blob: bytes('a'), kind: 'document' });
    const draftOnly = await storeFile(db, PROJECT, { blob: bytes('b'), kind: 'document' });
    await db.reports.bulkPut([report('01900000-0000-7000-8000-0000000000a1', 'final', [kept.hash]), report('01900000-0000-7000-8000-0000000000a2', 'draft', [draftOnly.hash])]);
    expect((await filesToSend(db)).map((f) => f.hash)).toEqual([kept.hash]);

    expect(await forgetIfUnused(db, PROJECT, kept.hash)).toBe(false);
    await db.reports.put(report('01900000-0000-7000-8000-0000000000a2', 'draft', []));
    expect(await forgetIfUnused(db, PROJECT, draftOnly.hash)).toBe(true);
    expect([...(await attachmentsOf(db, PROJECT, [kept.hash, draftOnly.hash])).keys()]).toEqual([kept.hash]);
  });

  it('sweeps files no report names once they are old enough that their answer must have been saved', async () => {
    const start = new Date('2026-11-20T10:00:00.000Z');
    const named = await storeFile(db, PROJECT, { blob: bytes('named'), kind: 'document' }, start);
    const orphan = await storeFile(db, PROJECT, { blob: bytes('orphan'), kind: 'document' }, start);
    await db.reports.put(report('01900000-0000-7000-8000-0000000000a1', 'draft', [named.hash]));
    expect(await pruneOrphans(db, new Date(start.getTime() + ORPHAN_GRACE_MS - 1))).toBe(0);
    expect(await pruneOrphans(db, new Date(start.getTime() + ORPHAN_GRACE_MS + 1))).toBe(1);
    expect([...(await attachmentsOf(db, PROJECT, [named.hash, orphan.hash])).keys()]).toEqual([named.hash]);
  });

  it('drops the bytes once the server has verified the file, and keeps a refused one with the reason', async () => {
    const done = await storeFile(db, PROJECT, { blob: bytes('done'), kind: 'document' });
    const refused = await storeFile(db, PROJECT, { blob: new Blob(['x'], { type: 'image/jpeg' }), kind: 'photo' });
    await db.reports.put(report('01900000-0000-7000-8000-0000000000a1', 'final', [done.hash, refused.hash]));
    await markComplete(db, done);
    await markRefused(db, refused, { code: 'attachment_kind_forbidden', params: { kind: 'photo' } });
    const files = await attachmentsOf(db, PROJECT, [done.hash, refused.hash]);
    expect(files.get(done.hash)).toMatchObject({ state: 'complete', received: 4 });
    expect(files.get(done.hash)?.blob).toBeUndefined();
    expect(files.get(refused.hash)).toMatchObject({ state: 'refused', refusal: { code: 'attachment_kind_forbidden', params: { kind: 'photo' } } });
    expect(await filesToSend(db)).toEqual([]);

    // New settings pulled from the server: the refused file gets another try.
    await applyProjectSettings(db, { id: PROJECT, attachments: { kinds: ['photo'], maxBytes: 1024 * 1024 } });
    expect((await filesToSend(db)).map((f) => f.hash)).toEqual([refused.hash]);
  });

  it('keeps the project settings from the pull, with the defaults before any arrive', async () => {
    expect(await projectAttachmentSettings(db, PROJECT)).toEqual({ kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 });
    await applyPull(db, { cursor: 7, hasMore: false, changes: [{ position: 7, entity: 'project', data: { id: PROJECT, attachments: { kinds: ['document'], maxBytes: 65_536 } } }] });
    expect(await projectAttachmentSettings(db, PROJECT)).toEqual({ kinds: ['document'], maxBytes: 65_536 });
  });

  it('fits photos within 1600 px on the long side without enlarging small ones', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
