import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { isCoordinator, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { forbidden } from '../errors.ts';
import { appendChanges } from '../sync/change-log.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * POST /api/projects/:projectId/cases: a coordinator opens (registers) a case, as an observer's device
 * does offline. Body: { code, court }. Answer: { id, duplicates }: the other cases of the project with
 * the same code, which are not refused (two observers may open one trial offline and only learn it
 * later) but shown so the coordinator can merge them. The case, its change-log entry (so the project's
 * coordinators' and, once assigned, observers' devices receive it) and its audit entry commit together.
 */
export async function openCase(db: Kysely<Database>, access: Access, actor: PersonActor, projectId: string, fields: { readonly code: string; readonly court: string }): Promise<{ id: string; duplicates: string[] }> {
  if (!isCoordinator(access, projectId)) throw forbidden('cases');
  const id = uuidv7();
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const duplicates = await sameCode(trx, projectId, fields.code);
    await trx.insertInto('cases').values({ id, project_id: projectId, code: fields.code, court: fields.court, version: 1, created_by: actor.userId, created_at: now, updated_at: now }).execute();
    await record(trx, actor, { action: 'case.open', projectId, target: id, detail: { code: fields.code } });
    await appendChanges(trx, [{ project_id: projectId, entity: 'case', entity_id: id, owner_id: null }], now);
    return { id, duplicates };
  });
}

/** The ids of the project's cases whose code is `code`, compared as people read codes (case and surrounding spaces ignored). */
export async function sameCode(db: Kysely<Database>, projectId: string, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('project_id', '=', projectId)
    .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['code'])]), '=', code.trim().toLowerCase()))
    .execute();
  return rows.map((r) => r.id);
}
