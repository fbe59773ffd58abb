import Dexie, { type EntityTable } from 'dexie';
import type { ProjectRecord } from '../../core/sync/attachments.ts';
import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalAttachment } from '../attachments/local-attachment.ts';
import { onVersionChange } from '../storage/version-change.ts';
import { encryptionMiddleware } from './encryption.ts';
import type { LocalCase, LocalForm, LocalReport, OutboxRow, StateRow } from './records.ts';
import type { LocalRegisterEntry } from './register.ts';

/**
 * The device's database, one per signed-in user. Indexes hold only ids, dates and states, never report
 * contents (ARCHITECTURE.md): every read and write of contents goes through the repositories beside this file.
 * It cannot be opened without the data key: every record is encrypted below Dexie (encryption.ts).
 */
export class DeviceDatabase extends Dexie {
  cases!: EntityTable<LocalCase, 'id'>;
  reports!: EntityTable<LocalReport, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  forms!: Dexie.Table<LocalForm, [string, number]>;
  state!: EntityTable<StateRow, 'key'>;
  reviews!: EntityTable<ReviewThread, 'reportId'>;
  attachments!: Dexie.Table<LocalAttachment, [string, string]>;
  projects!: EntityTable<ProjectRecord, 'id'>;
  register!: EntityTable<LocalRegisterEntry, 'id'>;

  constructor(name: string, key: CryptoKey) {
    // Strict durability: a write is on disk before its transaction completes, so a crash right after
    // "saved" loses nothing (Chromium otherwise defaults to relaxed).
    super(name, { chromeTransactionDurability: 'strict' });
    this.use(encryptionMiddleware(key));
    this.version(1).stores({
      cases: 'id, projectId, updatedAt',
      reports: 'id, caseId, status, updatedAt',
      outbox: 'seq',
      forms: '[id+version], id',
      state: 'key',
    });
    // Version 2: the coordinators' reviews and comments on this observer's reports.
    this.version(2).stores({ reviews: 'reportId' });
    // Version 3: attachment files waiting to be sent (by project and SHA-256), and each project's
    // attachment settings as the server last sent them (src/app/attachments).
    this.version(3).stores({ attachments: '[projectId+hash], state', projects: 'id' });
    // Version 4: the observer's own register of people per case (register.ts). A content table: names,
    // as sensitive as the reports; only its ids are indexed.
    this.version(4).stores({ register: 'id, caseId' });
    // A newer app in another tab upgrades the schema: finish saving, close, ask to reload (never lose words).
    this.on('versionchange', () => onVersionChange(this));
  }
}

export function databaseName(userId: string): string {
  return `trial-monitor-${userId}`;
}

export function openDeviceDatabase(userId: string, key: CryptoKey): DeviceDatabase {
  return new DeviceDatabase(databaseName(userId), key);
}
