import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema.ts';
import { GroupCommit } from '../../src/server/sync/group-commit.ts';
import { createTestDb, type TestDb } from '../helpers/databases.ts';

// SQLite only: PostgreSQL pushes each take a transaction of their own (push.ts).
describe('group commit of SQLite pushes', () => {
  let database: TestDb;
  /** A second connection: it sees only what has been committed. */
  let observer: SqliteDatabase.Database;
  const committed = (): string[] => observer.prepare("select username from users where username like 'group-%' order by username").pluck().all() as string[];
  const addUser = (trx: Transaction<Database>, name: string): Promise<unknown> =>
    trx.insertInto('users').values({ id: name, username: name, display_name: name, password_hash: 'none', is_admin: 0, created_at: '2026-01-01T00:00:00Z', disabled_at: null }).execute();

  beforeEach(async () => {
    database = await createTestDb('sqlite');
    observer = new SqliteDatabase(join(database.dataDir ?? '', 'trial-monitor.sqlite'), { readonly: true });
  });
  afterEach(async () => {
    observer.close();
    await database.cleanup();
  });

  it('commits the pushes that arrive together once, and answers each only after that commit', async () => {
    const group = new GroupCommit(database.db);
    const seenBeforeCommit: string[][] = [];
    const seenWhenAnswered: string[][] = [];
    const answers = await Promise.all(
      ['group-a', 'group-b', 'group-c'].map((name) =>
        group
          .run(async (trx) => {
            await addUser(trx, name);
            seenBeforeCommit.push(committed());
            return name.toUpperCase();
          })
          .then((answer) => {
            seenWhenAnswered.push(committed());
            return answer;
          }),
      ),
    );
    expect(answers).toEqual(['GROUP-A', 'GROUP-B', 'GROUP-C']);
    // Each committing alone, the third would have seen the first two.
    expect(seenBeforeCommit).toEqual([[], [], []]);
    expect(seenWhenAnswered).toEqual(Array.from({ length: 3 }, () => ['group-a', 'group-b', 'group-c']));
  });

  it('refuses a failing push alone and rolls back only its rows', async () => {
    const group = new GroupCommit(database.db);
    const results = await Promise.allSettled([
      group.run((trx) => addUser(trx, 'group-a')),
      group.run(async (trx) => {
        await addUser(trx, 'group-b');
        throw new Error('this push fails');
      }),
      group.run((trx) => addUser(trx, 'group-c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]?.status === 'rejected' ? (results[1].reason as Error).message : '').toBe('this push fails');
    expect(committed()).toEqual(['group-a', 'group-c']);
  });

  it('fails every push of the group and stores none when the commit fails', async () => {
    const group = new GroupCommit(database.db);
    const results = await Promise.allSettled([
      group.run((trx) => addUser(trx, 'group-a')),
      group.run(async (trx) => {
        // A foreign key checked only at commit: the commit itself is refused.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await trx.insertInto('case_observers').values({ case_id: 'no-such-case', user_id: 'group-a' }).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed()).toEqual([]);
    // The connection is free again: the next group commits.
    await group.run((trx) => addUser(trx, 'group-z'));
    expect(committed()).toEqual(['group-z']);
  });

  it("fails the whole group with the push's own error when SQLite has ended the transaction", async () => {
    const group = new GroupCommit(database.db);
    const results = await Promise.allSettled([
      group.run((trx) => addUser(trx, 'group-a')),
      group.run(async (trx) => {
        // What SQLite does by itself on a full disk or an I/O error: the transaction, savepoints and all, is gone.
        await sql`rollback`.execute(trx);
        throw new Error('disk I/O error');
      }),
      group.run((trx) => addUser(trx, 'group-c')),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.status))).toEqual(['disk I/O error', 'disk I/O error', 'disk I/O error']);
    expect(committed()).toEqual([]);
  });
});
