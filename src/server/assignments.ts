import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { inTransaction } from './domain/transaction.ts';
import { appendChanges } from './sync/change-log.ts';

/**
 * Assigns an observer to a case (or takes them off it). Assigning logs a case change, so the observer's
 * device receives the case on its next pull. Taking them off stops further changes from reaching them;
 * what the device holds already stays there (the coordinator can order a wipe).
 */
export async function setCaseObserver(db: Kysely<Database>, kase: { id: string; project_id: string }, userId: string, assigned: boolean): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('case_observers').select('user_id').where('case_id', '=', kase.id).where('user_id', '=', userId).executeTakeFirst();
    if (assigned === (existing !== undefined)) return false;
    if (assigned) {
      await trx.insertInto('case_observers').values({ case_id: kase.id, user_id: userId }).execute();
      await appendChanges(trx, [{ project_id: kase.project_id, entity: 'case', entity_id: kase.id, owner_id: null }], new Date().toISOString());
    } else {
      await trx.deleteFrom('case_observers').where('case_id', '=', kase.id).where('user_id', '=', userId).execute();
    }
    return true;
  });
}
