import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { addMember, createProject, createUser } from './users.ts';

export const DEFAULT_PROJECT = 'Default project';

/**
 * On an empty database: creates the first administrator and a default project, and returns the
 * generated password so the operator can sign in. Returns undefined when users exist already.
 */
export async function bootstrapEmptyDatabase(db: Kysely<Database>): Promise<{ username: string; password: string } | undefined> {
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone !== undefined) return undefined;
  const admin = await createUser(db, { username: 'admin', displayName: 'Administrator', isAdmin: true });
  const projectId = await createProject(db, DEFAULT_PROJECT);
  await addMember(db, projectId, admin.id, 'coordinator');
  return { username: admin.username, password: admin.password };
}
