import { contract } from '../../core/api/contract.ts';
import { PROTOCOL_VERSION } from '../../core/sync/protocol.ts';
import { call } from '../base/api/call.ts';
import { ApiFailure, browserConnection, type Connection } from '../base/api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { nextBatch, pendingCount } from '../db/outbox.ts';
import { applyPull, applyPushResponse } from './apply.ts';
import { deviceId, readNumber } from '../db/state.ts';
import { uploadAttachments } from './upload-attachments.ts';
import { resealStale, sealOutbox } from './sealed-outbox.ts';

export const PUSH_BATCH = 50;

export interface SyncProgress {
  readonly sent: number;
  readonly total: number;
}

/**
 * One full round: send the outbox in batches, then pull every change after the stored cursor.
 * Each confirmed batch is settled in its own transaction, so an interrupted round resumes after the
 * last confirmed batch and repeats nothing else (SYNC.md guarantee 5). `connection` is the browser's in
 * the app; the sync property test gives each simulated device its own.
 */
export async function syncOnce(db: DeviceDatabase, onProgress: (progress: SyncProgress) => void = () => undefined, connection: Connection = browserConnection): Promise<void> {
  const device = await deviceId(db);
  const total = await pendingCount(db);
  onProgress({ sent: 0, total });
  try {
    await pushAll(db, device, total, onProgress, connection);
  } catch (error) {
    // A revoked device may still have a wipe waiting for it: fetch that before reporting the revocation.
    if (error instanceof ApiFailure && error.code === 'device_revoked') await pullAll(db, device, connection);
    throw error;
  }
  await pullAll(db, device, connection);
  // Sealed versions refused as stale were given their new base by that pull: seal them again and send
  // them now, so the observer's report does not wait for another round.
  if ((await resealStale(db)) > 0) {
    await pushAll(db, device, await pendingCount(db), onProgress, connection);
    await pullAll(db, device, connection);
  }
}

async function pushAll(db: DeviceDatabase, device: string, total: number, onProgress: (progress: SyncProgress) => void, connection: Connection): Promise<void> {
  let sent = 0;
  // Report versions of sealed projects leave the device only sealed (sealed-outbox.ts).
  await sealOutbox(db);
  for (;;) {
    const batch = await nextBatch(db, PUSH_BATCH);
    if (batch.length === 0) break;
    const response = await call(contract.push, { body: { protocol: PROTOCOL_VERSION, deviceId: device, mutations: batch.map(({ createdAt: _createdAt, ...mutation }) => mutation) } }, connection);
    const settled = await applyPushResponse(db, batch, response);
    if (settled === 0) throw new Error('The server did not accept the next change in order. Sync stopped so nothing is skipped; contact your coordinator.');
    sent += settled;
    onProgress({ sent: Math.min(sent, total), total: Math.max(total, sent) });
  }
  // Files go after the reports that reference them (the server accepts a report whose files are still arriving).
  await uploadAttachments(db, onProgress, connection);
}

async function pullAll(db: DeviceDatabase, device: string, connection: Connection): Promise<void> {
  for (;;) {
    const cursor = await readNumber(db, 'cursor');
    const page = await call(contract.pull, { query: { cursor: String(cursor), deviceId: device, scope: 'own' } }, connection);
    await applyPull(db, page, connection);
    if (!page.hasMore) break;
  }
}
