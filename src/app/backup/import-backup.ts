import * as v from 'valibot';
import { inputFaults } from '../../core/api/input-issues.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { enqueue } from '../db/outbox.ts';
import type { LocalCase, LocalReport, OutboxRow } from '../db/records.ts';
import { base64ToBytes } from './base64.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFile } from './format.ts';

/** Why a file was not imported; `code` is stable, `issues` lists each invalid record. */
export class BackupError extends Error {
  constructor(
    readonly code: 'not_json' | 'not_backup' | 'newer_version' | 'other_account' | 'invalid' | 'wrong_passphrase',
    /** Each invalid record: where, the schema's English (for support), and the kind of fault with its limits (src/core/api/input-issues.ts) the app translates. */
    readonly issues: readonly { readonly path: string; readonly message: string; readonly code: string; readonly params: Readonly<Record<string, string | number>> }[] = [],
  ) {
    super(code);
  }
}

export interface ImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly keptLocal: number;
  readonly queued: number;
}

/** Parses and validates a backup file's text; throws BackupError without touching the database. */
export function parseBackup(text: string, userId: string): BackupFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BackupError('not_json');
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BACKUP_FORMAT) throw new BackupError('not_backup');
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) throw new BackupError('newer_version');
  const parsed = v.safeParse(BackupFile, data);
  if (!parsed.success) throw new BackupError('invalid', inputFaults(parsed.issues).slice(0, 20));
  const damaged = parsed.output.attachments.findIndex((file) => file.data !== undefined && Math.floor((file.data.length * 3) / 4) - (file.data.match(/=+$/)?.[0].length ?? 0) !== file.size);
  if (damaged >= 0) throw new BackupError('invalid', [{ path: `attachments.${damaged}.data`, message: 'the file bytes do not have the size the file says', code: 'not_valid', params: {} }]);
  // A device database belongs to one account: another observer's reports must not enter it.
  if (parsed.output.userId !== userId) throw new BackupError('other_account');
  return parsed.output;
}

/**
 * Merges a backup into this device's database, in one transaction. It never overwrites newer local data:
 * a record is taken from the file only when the device lacks it or the file's copy is newer (a finalised
 * report always beats a draft of it, never the reverse). Changes the file had not yet sent are queued again
 * under this device's own numbering: the server recognises a report or comment it already has, so a
 * repeat is harmless. This device's bookkeeping (device id, seq, pull cursor) is never replaced.
 */
export async function importBackup(db: DeviceDatabase, backup: BackupFile): Promise<ImportSummary> {
  const tables = [db.cases, db.reports, db.outbox, db.reviews, db.forms, db.state, db.attachments];
  return db.transaction('rw', tables, async () => {
    let added = 0;
    let updated = 0;
    let keptLocal = 0;
    const count = (outcome: 'added' | 'updated' | 'kept'): void => {
      if (outcome === 'added') added += 1;
      else if (outcome === 'updated') updated += 1;
      else keptLocal += 1;
    };
    const taken = new Set<string>();

    for (const kase of backup.cases) {
      const outcome = choose(await db.cases.get(kase.id), kase, caseIsNewer);
      if (outcome !== 'kept') {
        await db.cases.put(kase);
        taken.add(`case:${kase.id}`);
      }
      count(outcome);
    }
    for (const report of backup.reports) {
      const outcome = choose(await db.reports.get(report.id), report, reportIsNewer);
      if (outcome !== 'kept') {
        await db.reports.put(report);
        taken.add(`report:${report.id}`);
      }
      count(outcome);
    }
    for (const review of backup.reviews) {
      const outcome = choose(await db.reviews.get(review.reportId), review, (file, local) => file.updatedAt > local.updatedAt);
      if (outcome !== 'kept') await db.reviews.put(review);
      count(outcome);
    }
    for (const form of backup.forms) {
      // Checklist versions are immutable: one the device has is the same one.
      if ((await db.forms.get([form.id, form.version])) === undefined) await db.forms.add(form);
    }

    for (const { data, ...file } of backup.attachments) {
      // A file is named by its SHA-256: one the device has is the same file, and its state here is the newer.
      if ((await db.attachments.get([file.projectId, file.hash])) !== undefined) continue;
      await db.attachments.add(data === undefined ? file : { ...file, blob: new Blob([base64ToBytes(data)], { type: file.mime }) });
    }

    const pending = new Set((await db.outbox.toArray()).map(key));
    const localComments = new Set((await db.reviews.toArray()).flatMap((review) => review.comments.map((c) => c.id)));
    let queued = 0;
    for (const row of backup.outbox) {
      if (pending.has(key(row))) continue;
      const wanted = row.entity === 'comment' ? !localComments.has(row.id) : taken.has(key(row));
      if (!wanted) continue;
      const { seq: _seq, createdAt, ...change } = row;
      await enqueue(db, change, createdAt);
      pending.add(key(row));
      queued += 1;
    }
    return { added, updated, keptLocal, queued };
  });
}

function key(row: Pick<OutboxRow, 'entity' | 'id'>): string {
  return `${row.entity}:${row.id}`;
}

function choose<T>(local: T | undefined, file: T, fileIsNewer: (file: T, local: T) => boolean): 'added' | 'updated' | 'kept' {
  if (local === undefined) return 'added';
  return fileIsNewer(file, local) ? 'updated' : 'kept';
}

function caseIsNewer(file: LocalCase, local: LocalCase): boolean {
  return file.version > local.version || (file.version === local.version && file.updatedAt > local.updatedAt);
}

function reportIsNewer(file: LocalReport, local: LocalReport): boolean {
  if (file.status !== local.status) return file.status === 'final';
  if (file.serverVersion !== local.serverVersion) return file.serverVersion > local.serverVersion;
  return file.updatedAt > local.updatedAt;
}
