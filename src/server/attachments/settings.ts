import type { Kysely } from 'kysely';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../core/forms/types.ts';
import type { AttachmentSettings } from '../../core/sync/attachments.ts';
import type { Database } from '../db/schema.ts';
import { appendChanges } from '../sync/change-log.ts';
import { inTransaction } from '../domain/transaction.ts';

/** Kinds are stored as one comma-separated column: a short fixed list, read whole, never searched. */
function parseKinds(stored: string): AttachmentKind[] {
  const listed = stored.split(',');
  return ATTACHMENT_KINDS.filter((kind) => listed.includes(kind));
}

/** The project's attachment settings, or undefined when there is no such project. */
export async function readAttachmentSettings(db: Kysely<Database>, projectId: string): Promise<AttachmentSettings | undefined> {
  const row = await db.selectFrom('projects').select(['attachment_kinds', 'attachment_max_bytes']).where('id', '=', projectId).executeTakeFirst();
  return row === undefined ? undefined : { kinds: parseKinds(row.attachment_kinds), maxBytes: row.attachment_max_bytes };
}

/** Stores new settings and logs a "project" change in one transaction, so every member's device pulls them. */
export async function writeAttachmentSettings(db: Kysely<Database>, projectId: string, settings: AttachmentSettings): Promise<void> {
  const kinds = ATTACHMENT_KINDS.filter((kind) => settings.kinds.includes(kind)).join(',');
  await inTransaction(db, async (trx) => {
    await trx.updateTable('projects').set({ attachment_kinds: kinds, attachment_max_bytes: settings.maxBytes }).where('id', '=', projectId).execute();
    await appendChanges(trx, [{ project_id: projectId, entity: 'project', entity_id: projectId, owner_id: null }], new Date().toISOString());
  });
}
