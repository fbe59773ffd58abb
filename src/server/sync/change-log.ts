import type { Transaction } from 'kysely';
import { compiledOnce } from '../db/compiled-once.ts';
import type { Database, NewChange } from '../db/schema.ts';

/**
 * Appends changes to the log inside the caller's transaction.
 * Positions come from one counter row updated in the same transaction: the row lock makes concurrent
 * writers take positions one after another and hold them until commit, so on PostgreSQL a reader can
 * never see position 12 while 11 is still uncommitted (SYNC.md). Call it last, to hold the lock briefly.
 */
/** Every push takes its positions so: compiled once (compiled-once.ts). */
const takePositions = compiledOnce((db, count: number) =>
  db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'changes')
    .returning('value'),
);

export async function appendChanges(trx: Transaction<Database>, changes: readonly NewChange[], now: string): Promise<void> {
  if (changes.length === 0) return;
  const [counter] = await takePositions(trx, changes.length);
  if (counter === undefined) throw new Error('the change counter is missing');
  const last = counter.value;
  const first = last - changes.length + 1;
  await trx
    .insertInto('changes')
    .values(changes.map((change, i) => ({ ...change, position: first + i, created_at: now })))
    .execute();
}
