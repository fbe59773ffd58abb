import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** The PostgreSQL schema in use when not the default (tests run one schema each). */
  readonly schema?: string;
  close(): Promise<void>;
}

// PostgreSQL bigint (int8) arrives as a string by default; our positions and seqs fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface ConnectOptions {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL schema to work in (tests use one per run); default: the server's search_path. */
  readonly schema?: string;
}

export function connect(options: ConnectOptions): Db {
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', ...(options.schema === undefined ? {} : { schema: options.schema }), close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(join(options.dataDir, 'trial-monitor.sqlite'));
  // WAL keeps readers going during a write; FULL sync so a confirmed push survives a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}
