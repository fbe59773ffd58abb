import { uuidv7 } from 'uuidv7';
import type { DeviceDatabase } from './database.ts';

/** Small bookkeeping values that must change in the same transaction as data: device id, seq, cursor. */
export async function readState(db: DeviceDatabase, key: string): Promise<string | number | undefined> {
  return (await db.state.get(key))?.value;
}

export async function readNumber(db: DeviceDatabase, key: string): Promise<number> {
  const value = await readState(db, key);
  return typeof value === 'number' ? value : 0;
}

/** This installation's id, made on first use: the server numbers its outbox per device. */
export async function deviceId(db: DeviceDatabase): Promise<string> {
  return db.transaction('rw', db.state, async () => {
    const existing = await readState(db, 'deviceId');
    if (typeof existing === 'string') return existing;
    const id = uuidv7();
    await db.state.put({ key: 'deviceId', value: id });
    return id;
  });
}

/** Takes the next outbox seq. Call inside the transaction that writes the outbox row. */
export async function takeSeq(db: DeviceDatabase): Promise<number> {
  const seq = (await readNumber(db, 'lastSeq')) + 1;
  await db.state.put({ key: 'lastSeq', value: seq });
  return seq;
}
