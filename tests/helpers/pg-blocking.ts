import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

/**
 * Tools to order PostgreSQL transactions deterministically in a test: hold a lock open in a transaction
 * of the test's own, then wait (by asking PostgreSQL, not by sleeping) until the writers under test are
 * queued behind it, or behind each other, before letting them go.
 */
export interface HeldLock {
  /** The backend holding the lock: other backends queued behind it name it in pg_blocking_pids. */
  readonly pid: number;
  readonly trx: ControlledTransaction<Database>;
  commit(): Promise<void>;
}

/** Takes the change log's counter row, which every writing push and every coordinator write takes last. */
export async function holdChangeLog(db: Kysely<Database>): Promise<HeldLock> {
  const trx = await db.startTransaction().execute();
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 0) })).where('name', '=', 'changes').execute();
  return { pid: rows[0]?.pid ?? 0, trx, commit: () => trx.commit().execute() };
}

/**
 * The backends waiting for a lock that `pid` holds, once there are `count` of them. Polls PostgreSQL
 * (bounded): the writers are started already, and each poll yields to let them reach their lock.
 */
export async function waitForBlocked(db: Kysely<Database>, pid: number, count = 1): Promise<number[]> {
  for (let poll = 0; poll < 2_000; poll += 1) {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid)) order by pid`.execute(db);
    if (rows.length >= count) return rows.map((r) => r.pid);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} backends ever waited for backend ${pid}`);
}
