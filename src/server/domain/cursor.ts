import { apiError } from '../errors.ts';

/**
 * Keyset cursors for lists that page: the sort key of the last row of a page, opaque to the caller
 * (base64url of a JSON array of strings). Keyset rather than offset, so a row added while someone pages
 * neither repeats nor hides another.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key of a cursor this server gave, of `length` parts; anything else is a 400 (bad_cursor). */
export function decodeCursor(cursor: string, length: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw apiError('bad_cursor', {});
  }
  if (!Array.isArray(key) || key.length !== length || !key.every((part): part is string => typeof part === 'string')) throw apiError('bad_cursor', {});
  return key;
}
