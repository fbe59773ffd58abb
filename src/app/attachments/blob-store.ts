import { attachmentHashes } from '../../core/sync/attachments.ts';
import type { AttachmentKind } from '../../core/forms/types.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { sha256Hex } from './hash.ts';
import type { AttachmentRefusal, LocalAttachment } from './local-attachment.ts';

/**
 * The device's attachment files. Every read and write of them goes through here (like src/app/db's
 * repositories); the encryption seam below Dexie (db/encryption.ts) encrypts their bytes like every record.
 */

export interface NewFile {
  readonly blob: Blob;
  readonly kind: AttachmentKind;
  readonly name?: string;
}

/** Stores a file under its SHA-256 and returns the stored record; the same bytes twice are one record. */
export async function storeFile(db: DeviceDatabase, projectId: string, file: NewFile, now = new Date()): Promise<LocalAttachment> {
  const hash = await sha256Hex(file.blob);
  return db.transaction('rw', db.attachments, async () => {
    const existing = await db.attachments.get([projectId, hash]);
    if (existing !== undefined) return existing;
    const record: LocalAttachment = {
      projectId,
      hash,
      kind: file.kind,
      mime: file.blob.type === '' ? 'application/octet-stream' : file.blob.type,
      size: file.blob.size,
      ...(file.name === undefined || file.name === '' ? {} : { name: file.name.slice(0, 200) }),
      blob: file.blob,
      state: 'pending',
      received: 0,
      createdAt: now.toISOString(),
    };
    await db.attachments.add(record);
    return record;
  });
}

export async function attachmentsOf(db: DeviceDatabase, projectId: string, hashes: readonly string[]): Promise<Map<string, LocalAttachment>> {
  const found = await db.attachments.bulkGet(hashes.map((hash): [string, string] => [projectId, hash]));
  return new Map(found.filter((a): a is LocalAttachment => a !== undefined).map((a) => [a.hash, a]));
}

/**
 * Deletes a file no report of the project refers to any more (the observer removed it from a draft).
 * A file still named by any report stays: it may be waiting to be sent for that one.
 */
export async function forgetIfUnused(db: DeviceDatabase, projectId: string, hash: string): Promise<boolean> {
  return db.transaction('rw', db.attachments, db.reports, async () => {
    const reports = await db.reports.filter((r) => r.projectId === projectId).toArray();
    if (reports.some((r) => attachmentHashes(r.answers).includes(hash))) return false;
    await db.attachments.delete([projectId, hash]);
    return true;
  });
}

/** How long a new file may go unreferenced: the answer naming it is saved right after the file itself. */
export const ORPHAN_GRACE_MS = 10 * 60 * 1000;

/**
 * Deletes files that no report refers to any more (removed from a draft, or the draft deleted), so a
 * photo the observer took back does not stay on the phone. Files younger than ORPHAN_GRACE_MS are
 * left alone: their answer may not be saved yet.
 */
export async function pruneOrphans(db: DeviceDatabase, now = new Date()): Promise<number> {
  return db.transaction('rw', db.attachments, db.reports, async () => {
    const reports = await db.reports.toArray();
    const named = new Set(reports.flatMap((r) => attachmentHashes(r.answers).map((hash) => `${r.projectId}/${hash}`)));
    const cutoff = new Date(now.getTime() - ORPHAN_GRACE_MS).toISOString();
    const orphans = await db.attachments.filter((a) => a.createdAt < cutoff && !named.has(`${a.projectId}/${a.hash}`)).primaryKeys();
    await db.attachments.bulkDelete(orphans);
    return orphans.length;
  });
}

/** Files that final reports refer to and the server does not have yet: what the next sync sends. */
export async function filesToSend(db: DeviceDatabase): Promise<LocalAttachment[]> {
  const pending = await db.attachments.where('state').equals('pending').toArray();
  if (pending.length === 0) return [];
  const finals = await db.reports.where('status').equals('final').toArray();
  const wanted = new Set(finals.flatMap((r) => attachmentHashes(r.answers).map((hash) => `${r.projectId}/${hash}`)));
  return pending.filter((a) => wanted.has(`${a.projectId}/${a.hash}`));
}

export async function recordProgress(db: DeviceDatabase, file: LocalAttachment, received: number): Promise<void> {
  await db.attachments.update([file.projectId, file.hash], { received });
}

/** The server verified the file: drop the bytes (less to lose if the phone is seized), keep the description. */
export async function markComplete(db: DeviceDatabase, file: LocalAttachment): Promise<void> {
  const { blob: _blob, ...rest } = file;
  await db.attachments.put({ ...rest, state: 'complete', received: file.size });
}

/** The server will not take the file (a kind switched off, too large): keep it and say why. */
export async function markRefused(db: DeviceDatabase, file: LocalAttachment, refusal: AttachmentRefusal): Promise<void> {
  // An update, not a put: `file` may be older than the progress recorded since. An old `note` may stay; `refusal` wins.
  await db.attachments.update([file.projectId, file.hash], { state: 'refused', refusal: { code: refusal.code, params: { ...refusal.params } } });
}
