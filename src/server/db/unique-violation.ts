import { databaseCode } from '../sync/failures.ts';

/** A unique key refused the row: PostgreSQL's 23505, or SQLite's UNIQUE (or PRIMARY KEY) constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = databaseCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
