/**
 * How a push tells a failure caused by another writer (try the whole push again: it will then see what
 * the other one committed) from one caused by a mutation's own content (set that mutation aside as
 * refused, so the outbox behind it is not blocked) and from the server's own trouble (a full disk, a lost
 * connection: fail the request, and the device retries it later unchanged).
 */

/** The SQLSTATE (PostgreSQL) or result code (SQLite) a database error carries, if any. */
export function databaseCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Serialization failure, deadlock, or a unique key another transaction has just taken (the same new
 * row inserted by two devices at once): PostgreSQL's concurrency failures, which a new attempt resolves.
 */
export function isConcurrencyFailure(error: unknown): boolean {
  const code = databaseCode(error);
  return code === '40001' || code === '40P01' || code === '23505';
}

/**
 * A failure of this mutation's content: the database refused its values (data exceptions such as a NUL
 * in PostgreSQL text, integrity violations, a trigger), or the code evaluating it threw (a form that fails
 * to evaluate). Errors that name a system condition (an I/O error, a full disk, a dropped connection)
 * are not the mutation's fault and fail the push instead.
 */
export function isContentFailure(error: unknown): boolean {
  const code = databaseCode(error);
  if (code === undefined) return true;
  return /^2[23]/.test(code) || code === 'P0001' || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG';
}
