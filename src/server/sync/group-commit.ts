import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Pushes in one transaction at most: bounds how long the one connection is held for the others. */
const MAX_GROUP = 64;

interface Job {
  /** Applies the push; gives back how to answer it once its group has committed. */
  readonly apply: (trx: ControlledTransaction<Database>) => Promise<() => void>;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit, for SQLite: the pushes that arrive together are applied one after the other in one
 * transaction and the transaction is committed once; then each is answered. A push is answered only
 * after the commit that holds it has returned, so `synchronous = FULL` still makes every acknowledged push durable (the one fsync of the write-ahead log covers the group),
 * while the cost of that fsync, which was a sixth of the server's time under sync load, is shared.
 *
 * A push that fails is refused alone and the others are unaffected: the group is then applied again with
 * each push in a savepoint of its own, and the failing one rolls back to its savepoint. When
 * the transaction itself fails (the commit, or a rollback to a savepoint after SQLite has given up the
 * transaction: a full disk, an I/O error), every push of the group fails and nothing of it is stored:
 * the devices send them again, as after any failed push.
 *
 * SQLite has one writer and Kysely's SQLite driver one connection, so pushes were already applied one at
 * a time; grouping changes only how many of them share a commit. Reads wait for the connection, so no
 * pull can see a push before its commit.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  #queue: Job[] = [];
  #draining = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Runs `work` in the next group's transaction; resolves after that transaction has committed. */
  run<T>(work: (trx: ControlledTransaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const apply = async (trx: ControlledTransaction<Database>): Promise<() => void> => {
        const value = await work(trx);
        return () => resolve(value);
      };
      this.#queue.push({ apply, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        // better-sqlite3 answers within the same tick, so without this hop each push would commit before
        // the event loop read the next request: let the requests that have arrived join this group.
        await new Promise((resolve) => setImmediate(resolve));
        await this.#commitGroup(this.#queue.splice(0, MAX_GROUP));
      }
    } finally {
      this.#draining = false;
    }
  }

  /**
   * The group is first applied without savepoints: pushes rarely fail, and a savepoint round each push
   * was two more statements for every push. When one fails, the whole transaction is rolled back and the
   * group applied again with a savepoint round each push, so that the failing one is refused alone.
   */
  async #commitGroup(group: readonly Job[]): Promise<void> {
    if (group.length > 1 && (await this.#apply(group, false)) === 'done') return;
    await this.#apply(group, true);
  }

  /** One attempt at the group; 'again' when a push failed without a savepoint to take it back alone. */
  async #apply(group: readonly Job[], savepoints: boolean): Promise<'done' | 'again'> {
    const done: Array<() => void> = [];
    const pending = new Set(group);
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.#db.startTransaction().execute();
      for (const job of group) {
        if (!savepoints) {
          done.push(await job.apply(trx));
          continue;
        }
        await sql`savepoint push`.execute(trx);
        try {
          const answer = await job.apply(trx);
          await sql`release savepoint push`.execute(trx);
          done.push(answer);
        } catch (error) {
          await this.#undo(trx, error);
          pending.delete(job);
          job.reject(error);
        }
      }
      await trx.commit().execute();
    } catch (error) {
      if (trx !== undefined) await trx.rollback().execute().catch(() => undefined);
      if (!savepoints && group.length > 1) return 'again';
      for (const job of pending) job.reject(error);
      return 'done';
    }
    for (const answer of done) answer();
    return 'done';
  }

  /**
   * Takes back one failed push's rows. When SQLite has already ended the transaction (it does on a full
   * disk or an I/O error) there is no savepoint left: the push's own error then fails the whole group.
   */
  async #undo(trx: ControlledTransaction<Database>, cause: unknown): Promise<void> {
    try {
      await sql`rollback to savepoint push`.execute(trx);
      await sql`release savepoint push`.execute(trx);
    } catch {
      throw cause;
    }
  }
}
