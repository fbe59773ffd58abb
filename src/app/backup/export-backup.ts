import type { LocalAttachment } from '../attachments/local-attachment.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { bytesToBase64 } from './base64.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type AttachmentRecord, type BackupFile } from './format.ts';

/**
 * A copy of everything on this device for one observer: cases, reports (drafts and unsent ones too), the
 * outbox, reviews, checklists and bookkeeping, read in one transaction so the copy is consistent.
 */
export async function exportBackup(db: DeviceDatabase, userId: string, now = new Date()): Promise<BackupFile> {
  const { files, ...tables } = await db.transaction('r', [db.cases, db.reports, db.outbox, db.reviews, db.forms, db.state, db.attachments], async () => ({
    cases: await db.cases.toArray(),
    reports: await db.reports.toArray(),
    outbox: await db.outbox.orderBy('seq').toArray(),
    reviews: await db.reviews.toArray(),
    forms: (await db.forms.toArray()).map((form) => ({ ...form, definition: form.definition as Record<string, unknown> })),
    state: await db.state.toArray(),
    files: await db.attachments.toArray(),
  }));
  // Reading the bytes is not an IndexedDB request, so it happens after the transaction, on the rows it read.
  const attachments: AttachmentRecord[] = [];
  for (const file of files) attachments.push(await attachmentRecord(file));
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
    userId,
    ...tables,
    attachments,
  };
}

async function attachmentRecord({ blob, ...file }: LocalAttachment): Promise<AttachmentRecord> {
  return blob === undefined ? file : { ...file, data: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) };
}

export function backupFileName(now = new Date()): string {
  return `trial-monitor-backup-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`;
}
