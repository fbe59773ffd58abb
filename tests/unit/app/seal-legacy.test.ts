import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { SEALED, UnsealedRecord } from '../../../src/app/db/encryption.ts';
import { sealLegacyRecords } from '../../../src/app/db/seal-legacy.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const CASE = { id: '01900000-0000-7000-8000-0000000000c1', projectId: '01900000-0000-7000-8000-000000000001', code: 'KG-OLD', court: 'Oldcourtword', version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

/** A database as a version before the lock left it: the same schema (copied from database.ts), readable records. */
async function legacyDatabase(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({ cases: 'id, projectId, updatedAt', reports: 'id, caseId, status, updatedAt', outbox: 'seq', forms: '[id+version], id', state: 'key' });
  old.version(2).stores({ reviews: 'reportId' });
  old.version(3).stores({ attachments: '[projectId+hash], state', projects: 'id' });
  await old.table('cases').put(CASE);
  await old.table('state').put({ key: 'deviceId', value: 'old-device' });
  old.close();
}

describe('a device used before the app lock', () => {
  it('has its readable records encrypted when the passphrase is first set, and refuses them before', async () => {
    await legacyDatabase('legacy-1');
    const db = new DeviceDatabase('legacy-1', await testDataKey());
    await expect(db.cases.get(CASE.id)).rejects.toBeInstanceOf(UnsealedRecord);
    expect(await sealLegacyRecords(db)).toBe(2);
    expect(await db.cases.get(CASE.id)).toEqual(CASE);
    expect((await db.state.get('deviceId'))?.value).toBe('old-device');
    // Nothing readable is left in the records, and a second run finds nothing to do.
    expect(await sealLegacyRecords(db)).toBe(0);
    db.close();
    const raw = await new Promise<unknown[]>((resolve) => {
      const request = indexedDB.open('legacy-1');
      request.onsuccess = () => {
        const all = request.result.transaction('cases').objectStore('cases').getAll();
        all.onsuccess = () => {
          request.result.close();
          resolve(all.result as unknown[]);
        };
      };
    });
    expect(raw).toHaveLength(1);
    expect(Object.keys(raw[0] as object).sort()).toEqual(['id', 'projectId', SEALED, 'updatedAt'].sort());
    expect(JSON.stringify(raw)).not.toContain('Oldcourtword');
  });
});
