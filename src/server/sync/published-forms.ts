import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface PublishedForm {
  readonly id: string;
  readonly version: number;
  readonly definition: unknown;
}

/**
 * Parsed form definitions by id@version, per database. A published version never changes (forms/README),
 * so a definition read once serves every later pull: a device's first pull carries every form, and
 * reading and parsing them again for each new device was the largest share of the pull's time. The
 * objects are shared between responses and must not be changed.
 */
const cache = new WeakMap<Kysely<Database>, Map<string, PublishedForm>>();

/** The definitions of `keys` ("id@version"); keys with no published form are left out. */
export async function publishedForms(db: Kysely<Database>, trx: Transaction<Database>, keys: readonly string[]): Promise<Map<string, PublishedForm>> {
  let known = cache.get(db);
  if (known === undefined) {
    known = new Map();
    cache.set(db, known);
  }
  const missing = keys.filter((key) => !known.has(key)).map(parseKey);
  if (missing.length > 0) {
    const rows = await trx
      .selectFrom('forms')
      .select(['id', 'version', 'definition'])
      .where((eb) => eb.or(missing.map(({ id, version }) => eb.and([eb('id', '=', id), eb('version', '=', version)]))))
      .execute();
    for (const row of rows) known.set(`${row.id}@${row.version}`, { id: row.id, version: row.version, definition: JSON.parse(row.definition) as unknown });
  }
  const found = new Map<string, PublishedForm>();
  for (const key of keys) {
    const form = known.get(key);
    if (form !== undefined) found.set(key, form);
  }
  return found;
}

function parseKey(key: string): { id: string; version: number } {
  const at = key.lastIndexOf('@');
  return { id: key.slice(0, at), version: Number(key.slice(at + 1)) };
}
