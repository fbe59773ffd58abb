import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
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
