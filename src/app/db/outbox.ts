import type { DeviceDatabase } from './database.ts';
import type { OutboxRow } from './records.ts';
import { takeSeq } from './state.ts';

type NewOutboxRow = { [K in OutboxRow['entity']]: Omit<Extract<OutboxRow, { entity: K }>, 'seq' | 'createdAt'> }[OutboxRow['entity']];

/** Queues a change for the server. Call inside the transaction that writes the data it carries. */
export async function enqueue(db: DeviceDatabase, row: NewOutboxRow, now: string): Promise<number> {
  const seq = await takeSeq(db);
  await db.outbox.add({ ...row, seq, createdAt: now });
  return seq;
}

export function pendingCount(db: DeviceDatabase): Promise<number> {
  return db.outbox.count();
}

export function nextBatch(db: DeviceDatabase, size: number): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').limit(size).toArray();
}
