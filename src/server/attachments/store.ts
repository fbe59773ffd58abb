import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { CHUNK_SIZE, type StartUpload, type UploadStatus } from '../../core/sync/attachments.ts';
import type { AttachmentsTable, Database } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { inTransaction } from '../domain/transaction.ts';

/**
 * The attachment store: files as rows of chunks in the database (migration 006). Every operation is one
 * transaction that either stores what it says or nothing, so an interrupted chunk is simply not there
 * and the device resends it from the `received` offset.
 */

export type AttachmentRow = Selectable<AttachmentsTable>;

export const statusOf = (row: Pick<AttachmentRow, 'hash' | 'size' | 'received' | 'state'>): UploadStatus => ({
  hash: row.hash,
  size: row.size,
  received: row.received,
  state: row.state,
});

/**
 * An unfinished upload belongs to whoever started it: only they may add chunks, complete or restart it, so
 * another member of the project cannot spoil it (issue 12). Once complete, the file is content-addressed
 * and shared: anyone of the project sending the same bytes is told it is already there.
 */
function requireUploader(row: AttachmentRow, userId: string): void {
  if (row.state === 'uploading' && row.uploaded_by !== userId) {
    throw apiError('upload_of_another_person', {});
  }
}

export function findAttachment(db: Kysely<Database>, projectId: string, hash: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('project_id', '=', projectId).where('hash', '=', hash).executeTakeFirst();
}

/**
 * Starts an upload, or tells where an earlier one stands: a file already complete is not sent again
 * (content addressing), one still uploading continues from its received offset.
 */
export async function startUpload(db: Kysely<Database>, input: StartUpload, userId: string): Promise<UploadStatus> {
  return inTransaction(db, async (trx) => {
    const existing = await findAttachment(trx, input.projectId, input.hash);
    if (existing !== undefined) requireUploader(existing, userId);
    if (existing !== undefined && existing.size === input.size) return statusOf(existing);
    if (existing?.state === 'complete') {
      throw apiError('size_mismatch', { stored: existing.size, sent: input.size });
    }
    // An unfinished upload announced with another size cannot be the same bytes: start it afresh.
    if (existing !== undefined) await trx.deleteFrom('attachments').where('project_id', '=', input.projectId).where('hash', '=', input.hash).execute();
    const row: AttachmentRow = {
      project_id: input.projectId,
      hash: input.hash,
      kind: input.kind,
      mime: input.mime,
      name: input.name ?? null,
      size: input.size,
      received: 0,
      state: 'uploading',
      uploaded_by: userId,
      created_at: new Date().toISOString(),
      completed_at: null,
    };
    await trx.insertInto('attachments').values(row).execute();
    return statusOf(row);
  });
}

/**
 * Stores one chunk at `offset`. Only the next chunk in order is taken (offset = received): a chunk sent
 * twice, or out of order, gets 409 with the offset to continue from, and nothing changes.
 */
export async function putChunk(db: Kysely<Database>, projectId: string, hash: string, offset: number, data: Buffer, userId: string): Promise<UploadStatus> {
  return inTransaction(db, async (trx) => {
    const row = await findAttachment(trx, projectId, hash);
    if (row === undefined) throw apiError('upload_not_started', {});
    requireUploader(row, userId);
    const status = statusOf(row);
    if (status.state === 'complete') return status;
    if (offset !== status.received) {
      throw apiError('wrong_offset', { received: status.received }, [{ path: 'offset', message: String(status.received) }]);
    }
    const expected = Math.min(CHUNK_SIZE, status.size - offset);
    if (data.length !== expected) {
      throw apiError('bad_chunk_size', { expected, chunk: CHUNK_SIZE, sent: data.length });
    }
    // The received check in the update guards against a second upload of the same file racing this one.
    const updated = await trx
      .updateTable('attachments')
      .set({ received: offset + data.length })
      .where('project_id', '=', projectId)
      .where('hash', '=', hash)
      .where('received', '=', offset)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      // Another upload of this file moved on: tell where it stands now.
      const received = (await findAttachment(trx, projectId, hash))?.received ?? offset;
      throw apiError('wrong_offset', { received }, [{ path: 'offset', message: String(received) }]);
    }
    await trx.insertInto('attachment_chunks').values({ project_id: projectId, hash, byte_offset: offset, data }).execute();
    return { ...status, received: offset + data.length };
  });
}

/** Reads a stored file's chunks in order, one at a time, so a large file never sits in memory twice. */
export async function* readChunks(db: Kysely<Database>, projectId: string, hash: string): AsyncGenerator<Uint8Array> {
  let after = -1;
  for (;;) {
    const chunk = await db
      .selectFrom('attachment_chunks')
      .select(['byte_offset', 'data'])
      .where('project_id', '=', projectId)
      .where('hash', '=', hash)
      .where('byte_offset', '>', after)
      .orderBy('byte_offset')
      .limit(1)
      .executeTakeFirst();
    if (chunk === undefined) return;
    after = chunk.byte_offset;
    yield chunk.data;
  }
}

/**
 * Checks the SHA-256 of everything received against the name the device gave it. A match makes the
 * file complete; a mismatch deletes every chunk and the upload itself, so nothing unverified is kept.
 */
export async function completeUpload(db: Kysely<Database>, projectId: string, hash: string, userId: string): Promise<UploadStatus> {
  const row = await findAttachment(db, projectId, hash);
  if (row === undefined) throw apiError('upload_not_started', {});
  requireUploader(row, userId);
  const status = statusOf(row);
  if (status.state === 'complete') return status;
  if (status.received !== status.size) {
    throw apiError('upload_incomplete', { received: status.received, size: status.size }, [{ path: 'offset', message: String(status.received) }]);
  }
  const digest = createHash('sha256');
  for await (const chunk of readChunks(db, projectId, hash)) digest.update(chunk);
  if (digest.digest('hex') !== hash) {
    await db.deleteFrom('attachments').where('project_id', '=', projectId).where('hash', '=', hash).execute();
    throw apiError('hash_mismatch', {});
  }
  await db
    .updateTable('attachments')
    .set({ state: 'complete', completed_at: new Date().toISOString() })
    .where('project_id', '=', projectId)
    .where('hash', '=', hash)
    .where('state', '=', 'uploading')
    .execute();
  return { ...status, state: 'complete' };
}
