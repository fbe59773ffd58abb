import type { Kysely } from 'kysely';
import type { ProjectRecord } from '../../core/sync/attachments.ts';
import { asSentRetentionDays, type SentRetentionDays } from '../../core/sync/sent-retention.ts';
import type { Database } from '../db/schema.ts';
import { readAttachmentSettings } from './settings.ts';

/** How many days the project's phones keep a confirmed report's contents (null: never); undefined when there is no such project. */
export async function readSentRetention(db: Kysely<Database>, projectId: string): Promise<SentRetentionDays | undefined> {
  const row = await db.selectFrom('projects').select('sent_retention_days').where('id', '=', projectId).executeTakeFirst();
  return row === undefined ? undefined : asSentRetentionDays(row.sent_retention_days);
}

/** The "project" pull changes: what each project allows its devices to attach, and how long they keep sent reports. */
export async function loadProjectRecords(db: Kysely<Database>, projectIds: readonly string[]): Promise<Map<string, ProjectRecord>> {
  const records = new Map<string, ProjectRecord>();
  for (const id of projectIds) {
    const attachments = await readAttachmentSettings(db, id);
    if (attachments !== undefined) records.set(id, { id, attachments, sentRetentionDays: (await readSentRetention(db, id)) ?? null });
  }
  return records;
}
