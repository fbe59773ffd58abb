import type { DeviceDatabase } from './database.ts';
import { SEALED } from './encryption.ts';

/**
 * A device used before the app lock holds readable records. When the passphrase is first set they are read
 * with a plain connection and written back through the encrypted one, in one transaction per table, so
 * nothing is left readable and nothing is lost if the page closes halfway (a table not yet done is done on the
 * next unlock). IndexedDB may keep the old bytes on disk until it compacts its files: docs/security.md says so.
 */
export async function sealLegacyRecords(db: DeviceDatabase): Promise<number> {
  const known = 'databases' in indexedDB ? (await indexedDB.databases()).some((d) => d.name === db.name) : true;
  if (!known) return 0;
  const legacy = await readUnsealed(db.name);
  let count = 0;
  for (const [table, records] of legacy) {
    if (records.length === 0) continue;
    await db.table(table).bulkPut(records);
    count += records.length;
  }
  return count;
}

function readUnsealed(name: string): Promise<Map<string, unknown[]>> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    request.onsuccess = () => {
      const idb = request.result;
      const names = [...idb.objectStoreNames];
      const found = new Map<string, unknown[]>();
      if (names.length === 0) {
        idb.close();
        return resolve(found);
      }
      const tx = idb.transaction(names, 'readonly');
      for (const store of names) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => found.set(store, (all.result as unknown[]).filter((r) => typeof r !== 'object' || r === null || !(SEALED in r)));
      }
      tx.oncomplete = () => {
        idb.close();
        resolve(found);
      };
      tx.onerror = () => reject(tx.error ?? new Error(`cannot read ${name}`));
    };
  });
}
