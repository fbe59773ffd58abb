import type { DBCore, DBCoreCursor, DBCoreGetManyRequest, DBCoreGetRequest, DBCoreMutateRequest, DBCoreOpenCursorRequest, DBCoreQueryRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { open, seal } from '../lock/crypto.ts';
import { OpenedRecords } from './opened-records.ts';
import { decodeRecord, encodeRecord } from './record-codec.ts';

/**
 * Encryption at rest, the one seam every read and write of the device database passes (docs/security.md).
 * A Dexie DBCore middleware at the lowest level, right above IndexedDB: every record is stored as its key
 * and index fields (ids, dates, states) plus `sealed`, the whole record encrypted with the data key
 * (AES-GCM, the table and primary key bound as associated data). Everything above it, Dexie's own hooks and
 * caches and every repository, sees plain records; IndexedDB never does. DeviceDatabase cannot be built
 * without a key, so there is no unencrypted way in.
 */

export const SEALED = 'sealed';

/** A record as IndexedDB holds it. */
type StoredRecord = Record<string, unknown> & { [SEALED]: Uint8Array<ArrayBuffer> };

export class UnsealedRecord extends Error {
  constructor(table: string) {
    super(`A record of ${table} is not encrypted`);
  }
}

export function encryptionMiddleware(key: CryptoKey): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'EncryptionAtRest',
    level: -2,
    create: (down) => {
      const opened = new OpenedRecords();
      return { ...down, table: (name) => encryptedTable(down.table(name), key, opened) };
    },
  };
}

function keyPaths(path: string | string[] | null | undefined): string[] {
  if (path === null || path === undefined) return [];
  return typeof path === 'string' ? [path] : path;
}

/** What a read hands back before any decryption: every value already known (opened-records.ts), or not. */
const UNKNOWN = Symbol('unknown');

function encryptedTable(down: DBCoreTable, key: CryptoKey, opened: OpenedRecords): DBCoreTable {
  const { schema } = down;
  const table = schema.name;
  // Only what IndexedDB needs to find records stays readable: the primary key and the indexed fields.
  const plain = [...new Set([...keyPaths(schema.primaryKey.keyPath), ...schema.indexes.flatMap((index) => keyPaths(index.keyPath))])].filter((p) => !p.includes('.'));
  const context = (record: Record<string, unknown>): string => `${table}\u0000${JSON.stringify(schema.primaryKey.extractKey?.(record) ?? null)}`;

  async function sealRecord(value: unknown): Promise<StoredRecord> {
    const record = value as Record<string, unknown>;
    const stored: Record<string, unknown> = {};
    for (const path of plain) if (record[path] !== undefined) stored[path] = record[path];
    const plainBytes = await encodeRecord(record);
    const where = context(record);
    const sealed = await seal(key, plainBytes, where);
    stored[SEALED] = sealed;
    opened.remember(where, sealed, plainBytes);
    return stored as StoredRecord;
  }

  function sealedOf(value: unknown): Uint8Array<ArrayBuffer> {
    const sealed = (value as Partial<StoredRecord>)[SEALED];
    if (!(sealed instanceof Uint8Array)) throw new UnsealedRecord(table);
    return sealed;
  }

  /** A record opened without WebCrypto when its bytes are the ones sealed or opened last; UNKNOWN otherwise. */
  function openKnown(value: unknown): unknown {
    if (value === undefined) return undefined;
    const plainBytes = opened.plainOf(context(value as Record<string, unknown>), sealedOf(value));
    return plainBytes === undefined ? UNKNOWN : decodeRecord(plainBytes);
  }

  async function openRecord(value: unknown): Promise<unknown> {
    if (value === undefined) return undefined;
    const sealed = sealedOf(value);
    const where = context(value as Record<string, unknown>);
    const plainBytes = await open(key, sealed, where);
    opened.remember(where, sealed, plainBytes);
    return decodeRecord(plainBytes);
  }

  /**
   * Opens what a read returned. When every record is known this settles within the read's own success
   * callback, so the transaction needs no keeping alive; otherwise the unknown ones are decrypted under keepAlive.
   */
  function openAll(trans: DBCoreTransaction, values: readonly unknown[]): unknown[] | Promise<unknown[]> {
    const known = values.map(openKnown);
    if (!known.includes(UNKNOWN)) return known;
    return keepAlive(trans, table, Promise.all(values.map((value, i) => (known[i] === UNKNOWN ? openRecord(value) : known[i]))));
  }

  return {
    ...down,
    mutate: async (req: DBCoreMutateRequest) => {
      if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
      const values = await keepAlive(req.trans, table, Promise.all(req.values.map(sealRecord)));
      return down.mutate({ ...req, values });
    },
    get: (req: DBCoreGetRequest) => down.get(req).then((value) => openAll(req.trans, [value])).then(([value]) => value),
    getMany: (req: DBCoreGetManyRequest) => down.getMany(req).then((values) => openAll(req.trans, values)),
    query: (req: DBCoreQueryRequest) => {
      if (!req.values) return down.query(req);
      return down.query(req).then((response) => {
        const result = openAll(req.trans, response.result);
        return Array.isArray(result) ? { ...response, result } : result.then((opened) => ({ ...response, result: opened }));
      });
    },
    // A cursor hands out its value synchronously and decryption is not: each step is decrypted before the
    // caller's callback runs (Collection.each, filter, sortBy), the transaction kept alive meanwhile.
    openCursor: async (req: DBCoreOpenCursorRequest) => {
      const cursor = await down.openCursor(req);
      if (cursor === null || req.values === false) return cursor;
      let value: unknown;
      const decrypting: DBCoreCursor = {
        get trans() {
          return cursor.trans;
        },
        get key(): unknown {
          return cursor.key as unknown;
        },
        get primaryKey(): unknown {
          return cursor.primaryKey as unknown;
        },
        get value(): unknown {
          return value;
        },
        get done(): boolean {
          return cursor.done === true;
        },
        continue: (at?: unknown) => cursor.continue(at),
        continuePrimaryKey: (at: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(at, primaryKey),
        advance: (count: number) => cursor.advance(count),
        stop: (result?: unknown) => cursor.stop(result),
        fail: (error: Error) => cursor.fail(error),
        next: () => {
          let once = true;
          return decrypting.start(() => (once ? ((once = false), decrypting.continue()) : decrypting.stop())).then(() => decrypting);
        },
        start: (onNext: () => void) =>
          cursor.start(() => {
            const known = openKnown(cursor.value);
            if (known !== UNKNOWN) {
              value = known;
              onNext();
              return;
            }
            keepAlive(req.trans, table, openRecord(cursor.value)).then(
              (plain) => {
                value = plain;
                onNext();
              },
              (error: unknown) => cursor.fail(error instanceof Error ? error : new Error(String(error))),
            );
          }),
      };
      return decrypting;
    },
  };
}

/**
 * IndexedDB commits a transaction as soon as no request is pending, and WebCrypto is not an IndexedDB request:
 * while it works, keep the transaction alive with cheap reads, and settle inside a request's success callback
 * so that the caller's next request still finds the transaction active (what Dexie.waitFor does).
 */
function keepAlive<T>(trans: DBCoreTransaction, table: string, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  return new Promise<T>((resolve, reject) => {
    const settle = (): void => {
      if (outcome === undefined) return;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
    };
    let store: IDBObjectStore;
    try {
      store = idb.objectStore(table);
    } catch {
      // The transaction has finished already (a single read): nothing more will happen in it.
      work.then((value) => resolve(value), (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    const spin = (): void => {
      if (outcome !== undefined) return settle();
      try {
        store.get(-Infinity).onsuccess = spin;
      } catch {
        void work.then(() => settle(), () => settle());
      }
    };
    work.then(
      (value) => {
        outcome = { ok: true, value };
      },
      (error: unknown) => {
        outcome = { ok: false, error };
      },
    );
    spin();
  });
}
