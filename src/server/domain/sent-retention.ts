import type { Kysely } from 'kysely';
import type { SentRetention } from '../../core/sync/sent-retention.ts';
import { isCoordinator, isMember, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { appendChanges } from '../sync/change-log.ts';
import { readSentRetention } from '../attachments/project-records.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * How long the project's phones keep a report's contents once the server has confirmed it (issue 10
 * item 5): days, or null for never. The devices delete what is older (src/app/db/purge-sent.ts).
 */

/** GET /api/projects/:projectId/sent-retention: for any member of the project; 404 for everyone else. Answer: SentRetention. */
export async function memberSentRetention(db: Kysely<Database>, access: Access, projectId: string): Promise<SentRetention> {
  const days = isMember(access, projectId) ? await readSentRetention(db, projectId) : undefined;
  if (days === undefined) throw notFound('project');
  return { days };
}

/**
 * PUT /api/projects/:projectId/sent-retention (its coordinators): body and answer SentRetention. Stored,
 * audited and announced to devices (a "project" change, whose record carries it) in one transaction.
 */
export async function saveSentRetention(db: Kysely<Database>, access: Access, actor: PersonActor, projectId: string, setting: SentRetention): Promise<SentRetention> {
  await memberSentRetention(db, access, projectId);
  if (!isCoordinator(access, projectId)) throw forbidden('sent_retention');
  await inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    await trx.updateTable('projects').set({ sent_retention_days: setting.days }).where('id', '=', projectId).execute();
    await record(trx, actor, { action: 'project.sent_retention', projectId, target: projectId, detail: { days: setting.days ?? 'never' } });
    await appendChanges(trx, [{ project_id: projectId, entity: 'project', entity_id: projectId, owner_id: null }], now);
  });
  return setting;
}
