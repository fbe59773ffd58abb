import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapEmptyDatabase, DEFAULT_PROJECT } from '../../src/server/bootstrap.ts';
import { verifyPassword } from '../../src/server/auth/passwords.ts';
import { createTestDb, testEngines, type TestDb } from '../helpers/databases.ts';
import { AUDIT_FAILURE, withFailingAudit } from '../helpers/failing-audit.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';

/**
 * The first start on an empty database creates the administrator and the default project with their
 * audit entries, in one transaction (domain/people.ts setUpFirstAdministrator).
 */
describe.each(testEngines())('the first administrator on %s', (engine) => {
  let database: TestDb;
  beforeEach(async () => {
    database = await createTestDb(engine);
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it('is created with the default project, as its coordinator, and the audit log says so', async () => {
    const created = await bootstrapEmptyDatabase(database.db);
    if (created === undefined) throw new Error('an empty database should get its first administrator');
    const admin = await database.db.selectFrom('users').select(['id', 'username', 'is_admin', 'password_hash']).executeTakeFirstOrThrow();
    expect([admin.username, Boolean(admin.is_admin)]).toEqual(['admin', true]);
    expect(await verifyPassword(created.password, admin.password_hash)).toBe(true);
    const project = await database.db.selectFrom('projects').select(['id', 'name']).executeTakeFirstOrThrow();
    expect(project.name).toBe(DEFAULT_PROJECT);

    const entries = await database.db.selectFrom('audit_log').select(['action', 'actor_id', 'project_id', 'target', 'detail']).orderBy('id').execute();
    expect(entries.map((e) => ({ ...e, detail: JSON.parse(e.detail ?? '{}') as unknown }))).toEqual([
      { action: 'user.created', actor_id: null, project_id: null, target: admin.id, detail: { via: 'cli', admin: true, firstRun: true } },
      { action: 'project.created', actor_id: null, project_id: project.id, target: project.id, detail: { via: 'cli' } },
      { action: 'role.granted', actor_id: null, project_id: project.id, target: admin.id, detail: { via: 'cli', role: 'coordinator' } },
    ]);
  });

  it('does nothing on a database that has accounts', async () => {
    await bootstrapEmptyDatabase(database.db);
    const before = await snapshotTables(database);
    expect(await bootstrapEmptyDatabase(database.db)).toBeUndefined();
    expect(await snapshotTables(database)).toEqual(before);
  });

  it('stores nothing when its audit entry cannot be written, and succeeds on the next start', async () => {
    const before = await snapshotTables(database);
    await expect(bootstrapEmptyDatabase(withFailingAudit(database.db))).rejects.toThrow(AUDIT_FAILURE);
    expect(await snapshotTables(database)).toEqual(before);
    expect(await bootstrapEmptyDatabase(database.db)).toMatchObject({ username: 'admin' });
  });
});
