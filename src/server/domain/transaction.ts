import { Transaction, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Runs `work` in a transaction: the caller's when it already is one, a new one otherwise. Domain
 * operations compose this way (an invitation accepted grants a role, an import writes its audit entry)
 * and still commit or fail as one.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // instanceof narrows to Transaction<any>; the object is the same Kysely<Database> we were given.
  if (db instanceof Transaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
