import { uuidv7 } from 'uuidv7';
import { ReplyError } from '../base/device-errors.ts';
import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { DeviceDatabase } from './database.ts';
import { enqueue } from './outbox.ts';

/** A reply written on this device and not yet confirmed by the server. */
export interface PendingReply {
  readonly id: string;
  readonly body: string;
  readonly pin?: string;
  readonly createdAt: string;
}

export { ReplyError };

export async function threadOf(db: DeviceDatabase, reportId: string): Promise<{ thread: ReviewThread | undefined; pending: PendingReply[] }> {
  const thread = await db.reviews.get(reportId);
  const pending = (await db.outbox.toArray()).flatMap((row) =>
    row.entity === 'comment' && row.payload.reportId === reportId ? [{ id: row.id, body: row.payload.body, ...(row.payload.pin === undefined ? {} : { pin: row.payload.pin }), createdAt: row.createdAt }] : [],
  );
  return { thread, pending };
}

/** Queues the observer's reply to the coordinator (works offline); it is sent with the next sync. */
export async function reply(db: DeviceDatabase, reportId: string, body: string, pin?: string, now = new Date()): Promise<void> {
  const text = body.trim();
  if (text === '') throw new ReplyError('empty');
  await db.transaction('rw', db.outbox, db.state, async () => {
    await enqueue(db, { entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId, body: text, ...(pin === undefined ? {} : { pin }) } }, now.toISOString());
  });
}
