import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db, type Engine } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

export interface TestDb extends Db {
  /** Drops everything this test database made. */
  readonly cleanup: () => Promise<void>;
  readonly url: string | undefined;
  /** The SQLite folder (DATA_DIR), for tests that run a CLI on the same database. */
  readonly dataDir: string | undefined;
}

const postgresUrl = process.env['TEST_DATABASE_URL'];

/**
 * The engines the integration suite runs on: SQLite always; PostgreSQL when TEST_DATABASE_URL is set.
 * CI sets it and REQUIRE_POSTGRES=1, so there a missing database fails the run instead of skipping.
 */
export function testEngines(): Engine[] {
  if (postgresUrl !== undefined && postgresUrl !== '') return ['sqlite', 'postgres'];
  if (process.env['REQUIRE_POSTGRES'] === '1') throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL tests cannot run.');
  console.warn('PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run them.');
  return ['sqlite'];
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a new schema in the PostgreSQL test database.
 * `migrated: false` leaves it empty, for a test that upgrades from an older schema.
 */
export async function createTestDb(engine: Engine, { migrated = true } = {}): Promise<TestDb> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tm-test-'));
    const db = connect({ databaseUrl: undefined, dataDir: dir });
    if (migrated) await migrateToLatest(db);
    return {
      ...db,
      url: undefined,
      dataDir: dir,
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = postgresUrl ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // The schema name is made here from hex digits only; identifiers cannot be bound as parameters.
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = connect({ databaseUrl: url, dataDir: '', schema });
  if (migrated) await migrateToLatest(db);
  return {
    ...db,
    url,
    dataDir: undefined,
    cleanup: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
