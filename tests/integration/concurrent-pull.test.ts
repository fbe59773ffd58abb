import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { appendChanges } from '../../src/server/sync/change-log.ts';
import { testEngines } from '../helpers/databases.ts';
import { waitForBlocked } from '../helpers/pg-blocking.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * SYNC.md guarantee 3: a pull never skips a committed change, even while many writers commit at once.
 * On PostgreSQL this fails if change positions can become visible out of order (as sequences do).
 */
describe.each(testEngines())('pull under concurrent writers on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('sees every change exactly once while 20 devices push 10 batches each', async () => {
    const { coord } = server.people;
    const seen: number[] = [];
    let cursor = 0;
    let writing = true;
    const pullOnce = async (): Promise<void> => {
      const response = await server.request(coord, 'GET', `/api/sync/pull?cursor=${cursor}`);
      const page = response.json<PullResponse>();
      for (const change of page.changes) if (change.entity === 'case') seen.push(change.position);
      cursor = page.cursor;
    };
    const reader = (async () => {
      // Bounded, and yielding to the event loop between pulls so the writers always get their turn.
      for (let round = 0; writing && round < 10_000; round += 1) {
        await pullOnce();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const observers = [server.people.obs1, server.people.obs2];
    await Promise.all(
      Array.from({ length: 20 }, async (_, d) => {
        const deviceId = uuidv7();
        const who = observers[d % 2] ?? server.people.obs1;
        for (let batch = 0; batch < 10; batch += 1) {
          const seqs = [batch * 2 + 1, batch * 2 + 2];
          const response = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations: seqs.map((s) => caseMutation(s, server.projectA)) });
          expect(response.statusCode).toBe(200);
        }
      }),
    );
    writing = false;
    await reader;
    await pullOnce();

    const all = await server.database.db.selectFrom('changes').select('position').where('entity', '=', 'case').orderBy('position').execute();
    expect(all).toHaveLength(400);
    expect(seen).toHaveLength(400);
    expect([...seen].sort((a, b) => a - b)).toEqual(all.map((r) => r.position));
    expect(new Set(seen).size).toBe(400);
  });
});

/**
 * The same guarantee, proven step by step on PostgreSQL, where commits can come out of order: writer 1
 * takes change N and stays open; writer 2 (a real push) must then wait for N before it can take N + 1,
 * so it can never commit first; a pull in between sees neither and its cursor stays before N; once N
 * commits, writer 2 commits N + 1 and the next pull returns both, in order.
 */
describe.skipIf(!testEngines().includes('postgres'))('a pull between two writers on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => {
    await server.close();
  });

  it('cannot see change N + 1 before change N commits', async () => {
    const { coord, obs1 } = server.people;
    const { db } = server.database;
    const pull = async (cursor: number): Promise<PullResponse> => (await server.request(coord, 'GET', `/api/sync/pull?cursor=${cursor}`)).json<PullResponse>();
    const before = (await pull(0)).cursor;

    // Writer 1: a case and its change N, through the real change log, left uncommitted.
    const writer1 = await db.startTransaction().execute();
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(writer1);
    const now = new Date().toISOString();
    const first = uuidv7();
    await writer1.insertInto('cases').values({ id: first, project_id: server.projectA, code: 'N', court: '', version: 1, created_by: coord.id, created_at: now, updated_at: now }).execute();
    await appendChanges(writer1, [{ project_id: server.projectA, entity: 'case', entity_id: first, owner_id: null }], now);

    // Writer 2: a push of another case, which queues behind writer 1 for its position.
    const second = caseMutation(1, server.projectA);
    const pushed = server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [second] });
    await waitForBlocked(db, rows[0]?.pid ?? 0);

    const between = await pull(before);
    expect(between.changes).toEqual([]);
    expect(between.cursor).toBe(before);

    await writer1.commit().execute();
    expect((await pushed).statusCode).toBe(200);
    const after = await pull(before);
    expect(after.changes.map((c) => [c.position, c.entity === 'case' ? c.data.id : c.entity])).toEqual([
      [before + 1, first],
      [before + 2, second.id],
    ]);
    expect(after.cursor).toBe(before + 2);
  });
});
