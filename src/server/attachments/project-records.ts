import type { Kysely } from 'kysely';
import type { ProjectRecord } from '../../core/sync/attachments.ts';
import type { Database } from '../db/schema.ts';
import { readAttachmentSettings } from './settings.ts';

/** The "project" pull changes: what each project allows its devices to attach. */
export async function loadProjectRecords(db: Kysely<Database>, projectIds: readonly string[]): Promise<Map<string, ProjectRecord>> {
  const records = new Map<string, ProjectRecord>();
  for (const id of projectIds) {
    const attachments = await readAttachmentSettings(db, id);
    if (attachments !== undefined) records.set(id, { id, attachments });
  }
  return records;
}
