import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { connect, type Db } from '../../src/server/db/connect.ts';
import { testEngines } from '../helpers/databases.ts';
import { holdChangeLog, waitForBlocked } from '../helpers/pg-blocking.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Two server processes on one PostgreSQL schema (two apps, each with its own connection pool) receive
 * pushes that meet on the same rows: two copies of one push, and an observer's two phones writing the
 * same report or case. Each answer is the idempotent one (or a conflict, kept), never a 5xx. The writers
 * are ordered by a lock the test holds on the change log, which every push takes last: the first writer
 * waits there with its rows written and uncommitted while the second arrives and queues behind it.
 */
describe.skipIf(!testEngines().includes('postgres'))('concurrent pushes on two servers sharing PostgreSQL', () => {
  let server: TestServer;
  let secondDb: Db;
  let second: FastifyInstance;
  beforeAll(async () => {
    server = await startTestServer('postgres');
    secondDb = connect({ databaseUrl: server.database.url, dataDir: '', ...(server.database.schema === undefined ? {} : { schema: server.database.schema }) });
    second = await buildApp({ database: secondDb });
  });
  afterAll(async () => {
    await second.close();
    await secondDb.close();
    await server.close();
  });

  const push = async (app: FastifyInstance, who: Person, deviceId: string, mutations: readonly object[]): Promise<{ status: number; body: PushResponse }> => {
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie: who.cookie }, payload: { protocol: 1, deviceId, mutations } });
    return { status: response.statusCode, body: response.json<PushResponse>() };
  };
  /** Starts `first`, waits until it holds its rows behind the test's lock, starts `then`, waits until it queues behind `first`, and lets both go. */
  const race = async <T>(first: () => Promise<T>, then: () => Promise<T>): Promise<[T, T]> => {
    const held = await holdChangeLog(server.database.db);
    const one = first();
    const [firstPid] = await waitForBlocked(server.database.db, held.pid);
    const two = then();
    await waitForBlocked(server.database.db, firstPid ?? 0);
    await held.commit();
    return Promise.all([one, two]);
  };

  it('answers two copies of one push, arriving at both servers at once, with the same answer and stores it once', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    const batch = [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)];
    const [a, b] = await race(
      () => push(server.app, obs1, device, batch),
      () => push(second, obs1, device, batch),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual({ lastSeq: 2, results: [{ seq: 1, status: 'applied', version: 1 }, { seq: 2, status: 'applied', version: 1 }] });
    expect(b.body).toEqual(a.body);
    const { db } = server.database;
    expect(await db.selectFrom('report_versions').select('version').where('report_id', '=', reportId).execute()).toEqual([{ version: 1 }]);
    expect(await db.selectFrom('changes').select('entity').where('entity_id', 'in', [caseId, reportId]).execute()).toHaveLength(2);
  });

  it('keeps both amendments of one report from an observer\'s two phones: the second is a conflict, not a 500', async () => {
    const { obs1 } = server.people;
    const [phone, tablet] = [uuidv7(), uuidv7()];
    const caseId = uuidv7();
    const reportId = uuidv7();
    await push(server.app, obs1, phone, [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)]);
    const amend = (seq: number, summary: string) => reportMutation(seq, server.projectA, caseId, reportId, hearingAnswers({ summary_text: summary }), 1);
    const [a, b] = await race(
      () => push(server.app, obs1, phone, [amend(3, 'Amended on the phone.')]),
      () => push(second, obs1, tablet, [amend(1, 'Amended on the tablet.')]),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);
    expect(b.body.results).toEqual([{ seq: 1, status: 'conflict', version: 3 }]);
    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'conflict']).where('report_id', '=', reportId).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, conflict: 0 },
      { version: 2, conflict: 0 },
      { version: 3, conflict: 1 },
    ]);
  });

  it('does not let a case edit from one phone overwrite the other phone\'s edit made at the same moment', async () => {
    const { obs1 } = server.people;
    const [phone, tablet] = [uuidv7(), uuidv7()];
    const caseId = uuidv7();
    await push(server.app, obs1, phone, [caseMutation(1, server.projectA, caseId)]);
    const edit = (seq: number, court: string) => ({ ...caseMutation(seq, server.projectA, caseId), baseVersion: 1, payload: { projectId: server.projectA, code: 'C-1', court } });
    const [a, b] = await race(
      () => push(server.app, obs1, phone, [edit(2, 'Regional court')]),
      () => push(second, obs1, tablet, [edit(1, 'Supreme court')]),
    );
    expect(a.body.results).toEqual([{ seq: 2, status: 'applied', version: 2 }]);
    expect(b.body.results).toEqual([{ seq: 1, status: 'refused', code: 'case_changed', params: {}, reason: expect.stringContaining('Someone changed this case before you') as unknown }]);
    expect(await server.database.db.selectFrom('cases').select(['court', 'version']).where('id', '=', caseId).executeTakeFirst()).toEqual({ court: 'Regional court', version: 2 });
  });

  it('answers the same new case sent from two devices at once (a phone and its restored backup) as one case, not a unique-key 500', async () => {
    const { obs1 } = server.people;
    const caseId = uuidv7();
    const [a, b] = await race(
      () => push(server.app, obs1, uuidv7(), [caseMutation(1, server.projectA, caseId)]),
      () => push(second, obs1, uuidv7(), [caseMutation(1, server.projectA, caseId)]),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.results).toEqual([{ seq: 1, status: 'applied', version: 1 }]);
    expect(b.body.results).toEqual([{ seq: 1, status: 'unchanged', version: 1 }]);
    expect(await server.database.db.selectFrom('case_observers').select('user_id').where('case_id', '=', caseId).execute()).toEqual([{ user_id: obs1.id }]);
  });

  it('stays idempotent over 20 rounds of duplicated pushes and two-phone amendments sent to both servers at once', async () => {
    const { obs1 } = server.people;
    const reportIds: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      const [phone, tablet] = [uuidv7(), uuidv7()];
      const caseId = uuidv7();
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      reportIds.push(...ids);
      const batch = [caseMutation(1, server.projectA, caseId), ...ids.map((id, i) => reportMutation(i + 2, server.projectA, caseId, id))];
      const copies = await Promise.all([push(server.app, obs1, phone, batch), push(second, obs1, phone, batch)]);
      expect(copies.map((c) => c.status)).toEqual([200, 200]);
      expect(copies[1]?.body).toEqual(copies[0]?.body);
      // The tablet pulled the reports; both phones amend all three, in opposite orders.
      const amended = ids.map((id, i) => reportMutation(i + 5, server.projectA, caseId, id, hearingAnswers({ summary_text: `phone ${round}` }), 1));
      const fromTablet = [...ids].reverse().map((id, i) => reportMutation(i + 1, server.projectA, caseId, id, hearingAnswers({ summary_text: `tablet ${round}` }), 1));
      const both = await Promise.all([push(server.app, obs1, phone, amended), push(second, obs1, tablet, fromTablet)]);
      expect(both.map((p) => p.status)).toEqual([200, 200]);
      expect(both.flatMap((p) => p.body.results.map((r) => r.status)).filter((s) => s === 'applied')).toHaveLength(3);
    }
    const versions = await server.database.db.selectFrom('report_versions').select(['report_id', 'version']).where('report_id', 'in', reportIds).execute();
    expect(versions).toHaveLength(reportIds.length * 3);
  });
});
