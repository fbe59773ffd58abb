import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and preparing (parsing and
 * planning the SQL) cost about a tenth of the server's time under sync load. A query builder produces
 * the same SQL text for the same query with other values, so the prepared statement can be kept and
 * run again with the new parameters. SQLite re-prepares a kept statement by itself when the schema
 * changes (a migration), so a cached one never runs against an old plan.
 *
 * Bounded, because `where id in (?, ?, ...)` makes new text for each list length; the oldest entry
 * goes first (a Map keeps insertion order, and a hit moves its entry to the end).
 */
export function withStatementCache(database: SqliteDatabase, capacity = 500): KyselySqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        statements.delete(sql);
        statements.set(sql, cached);
        // A statement still being iterated (Kysely's streamQuery) cannot run again until it finishes.
        if (!cached.busy) return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
