import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { setUpFirstAdministrator } from './domain/people.ts';

export const DEFAULT_PROJECT = 'Default project';

/**
 * On an empty database: creates the first administrator and a default project, audited, in one
 * transaction (domain/people.ts setUpFirstAdministrator), and returns the generated password so the
 * operator can sign in. Returns undefined when users exist already.
 */
export function bootstrapEmptyDatabase(db: Kysely<Database>): Promise<{ username: string; password: string } | undefined> {
  return setUpFirstAdministrator(db, DEFAULT_PROJECT);
}
