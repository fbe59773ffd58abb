import { contract } from '../../core/api/contract.ts';
import { CHUNK_SIZE, nextChunk, type StartUpload } from '../../core/sync/attachments.ts';
import { call } from '../base/api/call.ts';
import { ApiFailure, type Connection } from '../base/api/client.ts';
import { filesToSend, markComplete, markRefused, pruneOrphans, recordProgress } from '../attachments/blob-store.ts';
import type { LocalAttachment } from '../attachments/local-attachment.ts';
import type { DeviceDatabase } from '../db/database.ts';
import type { SyncProgress } from './sync-once.ts';

/** Refusals that sending again cannot fix: the observer must remove the file (or the coordinator change the settings). */
const FINAL_REFUSALS = new Set(['attachment_kind_forbidden', 'attachment_too_large', 'hash_mismatch', 'size_mismatch', 'invalid_input']);

/**
 * Another person of the project is sending the same file (the same bytes): their unfinished upload is theirs
 * alone. This file waits for a later sync, when it will be found complete; the other files go on now.
 */
const SOMEONE_ELSES_UPLOAD = 'upload_of_another_person';

/**
 * Sends the files that final reports refer to, after the reports themselves (the server accepts a report
 * whose files are still arriving). Each file continues from the offset the server reports, so a file
 * broken off by a lost connection resumes instead of starting again; it stays on the device until the
 * server has checked its SHA-256. Progress counts chunks across all files.
 */
export async function uploadAttachments(db: DeviceDatabase, onProgress: (progress: SyncProgress) => void, connection: Connection): Promise<void> {
  await pruneOrphans(db);
  const files = await filesToSend(db);
  if (files.length === 0) return;
  // Each file counts its chunks still to send, plus one for completing it.
  const share = (file: LocalAttachment): number => Math.ceil(file.size / CHUNK_SIZE) - Math.ceil(file.received / CHUNK_SIZE) + 1;
  const total = files.reduce((sum, file) => sum + share(file), 0);
  let sent = 0;
  const step = (chunks = 1): void => {
    sent += chunks;
    onProgress({ sent: Math.min(sent, total), total });
  };
  onProgress({ sent, total });
  for (const file of files) {
    const before = sent;
    try {
      await uploadOne(db, file, step, connection);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.kind === 'refused' && FINAL_REFUSALS.has(failure.code)) {
        await markRefused(db, file, { code: failure.code, params: failure.params });
        step(before + share(file) - sent);
        continue;
      }
      if (failure instanceof ApiFailure && failure.code === SOMEONE_ELSES_UPLOAD) {
        step(before + share(file) - sent);
        continue;
      }
      throw failure;
    }
  }
}

async function uploadOne(db: DeviceDatabase, file: LocalAttachment, step: (chunks?: number) => void, connection: Connection): Promise<void> {
  const blob = file.blob;
  if (blob === undefined) return;
  const start: StartUpload = { projectId: file.projectId, hash: file.hash, kind: file.kind, mime: file.mime, size: file.size, ...(file.name === undefined ? {} : { name: file.name }) };
  let status = await call(contract.startUpload, { body: start }, connection);
  // Chunks the server already had (an earlier sync broke off, or another device sent the same file) count as sent.
  const chunksHeld = (received: number): number => Math.ceil(received / CHUNK_SIZE);
  step(chunksHeld(status.received) - chunksHeld(file.received));
  const address = { projectId: file.projectId, hash: file.hash };
  for (let chunk = nextChunk(status.size, status.received); status.state === 'uploading' && chunk !== undefined; chunk = nextChunk(status.size, status.received)) {
    try {
      status = await call(contract.putChunk, { params: { ...address, offset: String(chunk.offset) }, body: blob.slice(chunk.offset, chunk.offset + chunk.length) }, connection);
    } catch (failure) {
      // Another tab or device sent this chunk first: ask where the server stands and go on from there.
      if (!(failure instanceof ApiFailure && failure.code === 'wrong_offset')) throw failure;
      status = await call(contract.uploadStatus, { params: address }, connection);
    }
    await recordProgress(db, file, status.received);
    step();
  }
  if (status.state === 'uploading') status = await call(contract.completeUpload, { params: address }, connection);
  if (status.state === 'complete') await markComplete(db, file);
  step();
}
