import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { DEFAULT_PROJECT } from '../../src/server/bootstrap.ts';
import { addMember, createUser, findProject } from '../../src/server/users.ts';
import { createTestDb, testEngines, type TestDb } from '../helpers/databases.ts';
import { hearingDate, hearingReportAnswers, HttpDevice, signIn } from '../helpers/http-device.ts';
import { postgresUrlInSchema, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { changeLogShape, reportCopies } from '../helpers/sync-invariants.ts';

const DEVICES = 20;
const REPORTS_PER_DEVICE = 30;
const BATCH = 5;

/**
 * ARCHITECTURE.md scale-out and SYNC.md guarantee 3: two identical server processes on one PostgreSQL
 * schema; 20 devices push to both at once (each push goes to the other process than the last) while a
 * coordinator pulls from both in turn. The reader sees every change exactly once, the log has no gap,
 * and every device's reports are on the server once with its last seq recorded.
 */
describe.skipIf(!testEngines().includes('postgres'))('two server processes on one PostgreSQL', () => {
  let database: TestDb;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDb('postgres');
    const env = { DATABASE_URL: postgresUrlInSchema(database.url ?? '', database.schema ?? '') };
    const first = await startServerProcess(env);
    // The second process finds the administrator made by the first: it prints no password.
    servers = [first, await startServerProcess(env, { password: first.admin.password, keepDataDir: false })];
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database.cleanup();
  });

  it('skips and duplicates nothing while 20 devices push to both and a reader pulls from both', async () => {
    const [a, b] = servers;
    if (a === undefined || b === undefined) throw new Error('two servers expected');
    const project = await findProject(database.db, DEFAULT_PROJECT);
    const observers = await Promise.all(
      [1, 2].map(async (n) => {
        const user = await createUser(database.db, { username: `scale-observer-${n}` });
        await addMember(database.db, project.id, user.id, 'observer');
        return user;
      }),
    );
    // A session made on one process is valid on the other: sessions live in the database.
    const cookies = await Promise.all(observers.map((o, n) => signIn((n === 0 ? a : b).url, o.username, o.password)));
    const readerCookie = await signIn(b.url, 'admin', a.admin.password);

    const devices = Array.from({ length: DEVICES }, (_, d) => {
      let turn = d;
      const device = new HttpDevice(() => servers[turn++ % 2]?.url ?? a.url, cookies[d % 2] ?? '');
      const caseId = uuidv7();
      device.enqueue({ entity: 'case', id: caseId, baseVersion: 0, payload: { projectId: project.id, code: `SCALE-${d}`, court: 'City court' } });
      for (let i = 0; i < REPORTS_PER_DEVICE; i += 1) {
        device.enqueue({ entity: 'report', id: uuidv7(), baseVersion: 0, payload: { projectId: project.id, caseId, formId: 'hearing', formVersion: 1, hearingDate: hearingDate(i), answers: hearingReportAnswers(d * 1000 + i) } });
      }
      return device;
    });

    const seen: number[] = [];
    let cursor = 0;
    let pulls = 0;
    const pullOnce = async (): Promise<boolean> => {
      const server = servers[pulls++ % 2] ?? a;
      const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}`, { headers: { cookie: readerCookie } });
      expect(response.status).toBe(200);
      const page = (await response.json()) as PullResponse;
      for (const change of page.changes) if (change.entity !== 'form') seen.push(change.position);
      cursor = page.cursor;
      return page.hasMore;
    };
    let writing = true;
    const reader = (async () => {
      while (writing) await pullOnce();
    })();
    await Promise.all(devices.map((device) => device.drain(BATCH, { maxFailures: 0 })));
    writing = false;
    await reader;
    while (await pullOnce());

    const log = await changeLogShape(database.db);
    expect(log.gapFree).toBe(true);
    expect(log.counter).toBe(log.max);
    const written = (await database.db.selectFrom('changes').select('position').where('entity', '!=', 'form').orderBy('position').execute()).map((r) => r.position);
    expect(written).toHaveLength(DEVICES * (REPORTS_PER_DEVICE + 1));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((x, y) => x - y)).toEqual(written);
    expect(pulls).toBeGreaterThan(2);

    const copies = await reportCopies(database.db);
    expect(copies.reports.size).toBe(DEVICES * REPORTS_PER_DEVICE);
    expect([...copies.reports.values(), ...copies.versions.values(), ...copies.changes.values()].every((n) => n === 1)).toBe(true);
    for (const device of devices) {
      expect(device.pending).toBe(0);
      const row = await database.db.selectFrom('devices').select('last_seq').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
      expect(row.last_seq).toBe(device.lastSeq);
    }
  }, 300_000);
});
