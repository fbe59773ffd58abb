import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate.ts';
import { createProject, createUser } from '../../src/server/users.ts';
import { createTestDb, testEngines, type TestDb } from '../helpers/databases.ts';

/**
 * Migration 011 gives every invitation a public id (what the People screen names it by, never the code's
 * hash): the invitations made before it must get one too, or they could be neither listed nor cancelled.
 */
describe.each(testEngines())('upgrading invitations to public ids on %s', (engine) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb(engine, { migrated: false });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it('gives the invitations made before migration 011 a public id each, and keeps them open', async () => {
    // An empty database brought up to just before 011, with two invitations as the older code stored them.
    const before011 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '011'));
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(before011) }, ...(database.schema === undefined ? {} : { migrationTableSchema: database.schema }) });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const projectId = await createProject(database.db, 'Before the upgrade');
    const { id: userId } = await createUser(database.db, { username: 'older-coordinator' });
    for (const username of ['first', 'second']) {
      await sql`insert into invitations (id, project_id, username, role, created_by, created_at, expires_at)
        values (${`hash-of-${username}`}, ${projectId}, ${username}, 'observer', ${userId}, '2026-12-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`.execute(database.db);
    }
    await migrateToLatest(database);
    const rows = await database.db.selectFrom('invitations').select(['id', 'public_id', 'cancelled_at']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.cancelled_at])).toEqual([
      ['hash-of-first', null],
      ['hash-of-second', null],
    ]);
    const ids = rows.map((r) => r.public_id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });
});
