import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * An observer's phone amends a report offline while a coordinator merges the report's case into
 * another: the amendment still names the removed case, and it is stored as the report's next version in
 * the case the report belongs to now (the report id is its identity); the phone learns that case on its
 * next pull. Naming another case that exists is still a move, refused.
 */
describe.each(testEngines())('an amendment to a report whose case was merged, on %s', (engine) => {
  let server: TestServer;
  const phone = uuidv7();
  const kept = uuidv7();
  const merged = uuidv7();
  const report = uuidv7();
  const original = () => reportMutation(2, server.projectA, merged, report);

  beforeEach(async () => {
    server = await startTestServer(engine);
    const { obs1, obs2, coord } = server.people;
    await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, kept, 'KG-17')] });
    const first = await server.request(obs2, 'POST', '/api/sync/push', { protocol: 1, deviceId: phone, mutations: [caseMutation(1, server.projectA, merged, 'kg-17'), original()] });
    expect(first.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const merge = await server.request(coord, 'POST', `/api/cases/${merged}/merge`, { into: kept });
    expect(merge.statusCode).toBe(200);
  });
  afterEach(async () => {
    await server.close();
  });

  const push = async (mutations: readonly object[]) => {
    const response = await server.request(server.people.obs2, 'POST', '/api/sync/push', { protocol: 1, deviceId: phone, mutations });
    expect(response.statusCode).toBe(200);
    return response.json<PushResponse>();
  };

  it('stores the amendment as the next version in the case the report was merged into, and the phone pulls the report there', async () => {
    const amendment = { ...reportMutation(3, server.projectA, merged, report, hearingAnswers({ summary_text: 'Amended on the way home.' }), 1) };
    const answer = await push([{ ...amendment, payload: { ...amendment.payload, reason: 'The judge’s name was wrong.' } }]);
    expect(answer.results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);

    const stored = await server.database.db.selectFrom('reports').select(['case_id', 'version']).where('id', '=', report).executeTakeFirstOrThrow();
    expect(stored).toEqual({ case_id: kept, version: 2 });
    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'answers', 'reason']).where('report_id', '=', report).orderBy('version').execute();
    expect(versions.map((row) => [row.version, (JSON.parse(row.answers) as Record<string, unknown>)['summary_text'], row.reason])).toEqual([
      [1, 'The hearing was closed to monitors.', null],
      [2, 'Amended on the way home.', 'The judge’s name was wrong.'],
    ]);

    const pulled = await server.request(server.people.obs2, 'GET', '/api/sync/pull?cursor=0&scope=own');
    const reports = pulled.json<PullResponse>().changes.flatMap((c) => (c.entity === 'report' && c.data.id === report ? [c.data] : []));
    expect(reports.at(-1)).toMatchObject({ caseId: kept, version: 2 });
  });

  it('answers a resent copy of the version stored before the merge as unchanged, not as a new version', async () => {
    const answer = await push([{ ...original(), seq: 3 }]);
    expect(answer.results).toEqual([{ seq: 3, status: 'unchanged', version: 1 }]);
  });

  it('still refuses to move a report into another case that exists', async () => {
    const elsewhere = uuidv7();
    const moving = reportMutation(4, server.projectA, elsewhere, report, hearingAnswers({ summary_text: 'Moved.' }), 1);
    const answer = await push([caseMutation(3, server.projectA, elsewhere, 'OTHER-1'), moving]);
    expect(answer.results[1]).toMatchObject({ seq: 4, status: 'refused', code: 'report_cannot_move' });
    const stored = await server.database.db.selectFrom('reports').select(['case_id', 'version']).where('id', '=', report).executeTakeFirstOrThrow();
    expect(stored).toEqual({ case_id: kept, version: 1 });
  });
});
