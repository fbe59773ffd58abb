import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/server/db/compiled-once.ts';
import { createTestDb, testEngines, type TestDb } from '../helpers/databases.ts';

const addUser = (database: TestDb, name: string, disabledAt: string | null): Promise<unknown> =>
  database.db.insertInto('users').values({ id: name, username: name, display_name: `Name of ${name}`, password_hash: 'none', is_admin: 0, created_at: '2026-01-01T00:00:00Z', disabled_at: disabledAt }).execute();

describe.each(testEngines())('queries compiled once, on %s', (engine) => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb(engine);
    await addUser(database, 'once-a', null);
    await addUser(database, 'once-b', null);
    await addUser(database, 'once-c', '2026-02-01T00:00:00Z');
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it('binds each run its own values, the query constants included, also inside a transaction', async () => {
    const named = compiledOnce((db, username: string) => db.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).where('disabled_at', 'is', null));
    expect(await named(database.db, 'once-a')).toEqual([{ id: 'once-a', display_name: 'Name of once-a' }]);
    expect(await named(database.db, 'once-b')).toEqual([{ id: 'once-b', display_name: 'Name of once-b' }]);
    // Disabled: the constant condition of the query still holds.
    expect(await named(database.db, 'once-c')).toEqual([]);
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ display_name: 'Renamed' }).where('id', '=', 'once-a').execute();
      // Sees the transaction's own uncommitted write: it ran on the transaction's connection.
      expect(await named(trx, 'once-a')).toEqual([{ id: 'once-a', display_name: 'Renamed' }]);
    });
  });

  it('refuses a query that uses an argument for anything but a bound value', async () => {
    const transformed = compiledOnce((db, username: string) => db.selectFrom('users').select('id').where('username', '=', username.toUpperCase()));
    await expect(transformed(database.db, 'once-a')).rejects.toThrow(/argument 0 is not bound as a value/);
    const tested = compiledOnce((db, username: string) => db.selectFrom('users').select('id').$if(username === 'once-a', (q) => q.where('is_admin', '=', 1)));
    await expect(tested(database.db, 'once-a')).rejects.toThrow(/argument 0 is not bound as a value/);
  });
});
