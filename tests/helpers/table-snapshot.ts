import { sql } from 'kysely';
import type { Db } from '../../src/server/db/connect.ts';

/**
 * Every row of every table, as sorted JSON lines per table: "nothing stored changed" is two snapshots
 * being equal. Tables are listed from the database's own catalogue, so tables added later are covered.
 */
export async function snapshotTables(database: Db): Promise<Record<string, string[]>> {
  const names =
    database.engine === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)).rows
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db)).rows;
  const snapshot: Record<string, string[]> = {};
  for (const { name } of names) {
    // The name comes from the catalogue, never from a request; sql.table quotes it.
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db)).rows;
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}
