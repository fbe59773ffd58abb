import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { SET_ASIDE_REASON } from '../../src/server/sync/push.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, reportMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

/**
 * SYNC.md: a mutation the server cannot store for its content is settled as refused with a reason, and
 * the push goes on, so the outbox behind it is never blocked by a batch that fails forever. The failures
 * here get past the schemas, as they do in the field: a value only the database refuses (a trigger made
 * by the test, standing in for PostgreSQL refusing a NUL), and a stored form that no longer evaluates.
 */
describe.each(testEngines())('a push with a change that cannot be stored on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
    const { db } = server.database;
    // Refuses the second row a case writes (its observer), so the case row written before it must roll back too.
    if (engine === 'sqlite') {
      await sql`create trigger refuse_boom before insert on case_observers when (select code from cases where id = new.case_id) = 'BOOM'
        begin select raise(abort, 'refused by the test trigger'); end`.execute(db);
    } else {
      await sql`create function refuse_boom() returns trigger language plpgsql as $$
        begin if (select code from cases where id = new.case_id) = 'BOOM' then raise exception 'refused by the test trigger'; end if; return new; end $$`.execute(db);
      await sql`create trigger refuse_boom before insert on case_observers for each row execute function refuse_boom()`.execute(db);
    }
    await db.insertInto('forms').values({ id: 'broken', version: 1, definition: '{}', published_at: new Date().toISOString() }).execute();
  });
  afterEach(async () => {
    await server.close();
  });

  const push = async (deviceId: string, mutations: readonly object[]): Promise<PushResponse> => {
    const response = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations });
    expect(response.statusCode).toBe(200);
    return response.json<PushResponse>();
  };

  it('sets the failing change aside as refused, rolls back its rows alone, and applies the rest of the batch', async () => {
    const device = uuidv7();
    const caseId = uuidv7();
    const boom = caseMutation(2, server.projectA, uuidv7(), 'BOOM');
    const batch = [caseMutation(1, server.projectA, caseId), boom, reportMutation(3, server.projectA, caseId)];
    const first = await push(device, batch);
    expect(first).toEqual({
      lastSeq: 3,
      results: [
        { seq: 1, status: 'applied', version: 1 },
        { seq: 2, status: 'refused', code: 'set_aside', params: {}, reason: SET_ASIDE_REASON },
        { seq: 3, status: 'applied', version: 1 },
      ],
    });
    const { db } = server.database;
    expect((await db.selectFrom('cases').select('code').execute()).map((c) => c.code)).toEqual(['C-1']);
    expect(await db.selectFrom('case_observers').select('case_id').execute()).toEqual([{ case_id: caseId }]);

    const before = await tableCounts(server.database);
    expect(await push(device, batch)).toEqual(first);
    expect(await tableCounts(server.database)).toEqual(before);
    expect((await push(device, [caseMutation(4, server.projectA)])).results).toEqual([{ seq: 4, status: 'applied', version: 1 }]);
  });

  it('sets aside a report whose stored form no longer evaluates, and the changes behind it go through', async () => {
    const device = uuidv7();
    const caseId = uuidv7();
    const broken = reportMutation(2, server.projectA, caseId);
    const result = await push(device, [caseMutation(1, server.projectA, caseId), { ...broken, payload: { ...broken.payload, formId: 'broken' } }, reportMutation(3, server.projectA, caseId)]);
    expect(result.lastSeq).toBe(3);
    expect(result.results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
    expect(result.results[1]?.reason).toBe(SET_ASIDE_REASON);
    expect(await server.database.db.selectFrom('reports').select('id').execute()).toHaveLength(1);
  });
});
