import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, tableCounts, type Person, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('sync on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(async () => {
    await server.close();
  });

  const push = async (who: Person, deviceId: string, mutations: readonly object[]) => {
    const response = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations });
    return { status: response.statusCode, body: response.json<PushResponse>() };
  };
  const pull = async (who: Person, cursor: number) => {
    const response = await server.request(who, 'GET', `/api/sync/pull?cursor=${cursor}`);
    expect(response.statusCode).toBe(200);
    return response.json<PullResponse>();
  };

  it('applies the same push batch twice as one case and one report with one version', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    const batch = [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)];

    const first = await push(obs1, device, batch);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ lastSeq: 2, results: [{ seq: 1, status: 'applied', version: 1 }, { seq: 2, status: 'applied', version: 1 }] });
    const before = await tableCounts(server.database);

    const again = await push(obs1, device, batch);
    expect(again.status).toBe(200);
    expect(again.body.lastSeq).toBe(2);
    // A retry is answered as the first push was, version included (the device may never have seen that answer).
    expect(again.body).toEqual(first.body);
    expect(await tableCounts(server.database)).toEqual(before);
    expect(before['reports']).toBe(1);
    expect(before['report_versions']).toBe(1);
  });

  it('treats the same report content under a new seq (a response lost, re-queued) as unchanged', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    await push(obs1, device, [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)]);
    const resent = await push(obs1, device, [reportMutation(3, server.projectA, caseId, reportId)]);
    expect(resent.body.results).toEqual([{ seq: 3, status: 'unchanged', version: 1 }]);
    const versions = await server.database.db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId).execute();
    expect(versions).toHaveLength(1);
  });

  it('stops a batch at a gap in seq and applies nothing after it', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    await push(obs1, device, [caseMutation(1, server.projectA, caseId)]);
    // seq 2 never arrives; 3 and 4 must wait for it.
    const gap = await push(obs1, device, [caseMutation(3, server.projectA), caseMutation(4, server.projectA)]);
    expect(gap.status).toBe(200);
    expect(gap.body).toEqual({ lastSeq: 1, results: [] });
    expect(await server.database.db.selectFrom('cases').select('id').execute()).toHaveLength(1);

    const resumed = await push(obs1, device, [caseMutation(2, server.projectA), caseMutation(3, server.projectA)]);
    expect(resumed.body.lastSeq).toBe(3);
    expect(await server.database.db.selectFrom('cases').select('id').execute()).toHaveLength(3);
  });

  it('refuses a mutation for its content, counts it as settled, and gives the same reason on a retry', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const unknownCase = uuidv7();
    const batch = [reportMutation(1, server.projectA, unknownCase), caseMutation(2, server.projectA)];
    const first = await push(obs1, device, batch);
    expect(first.body.lastSeq).toBe(2);
    expect(first.body.results[0]).toMatchObject({ seq: 1, status: 'refused', code: 'report_case_unknown', reason: expect.stringContaining('case') as unknown });
    expect(first.body.results[1]).toMatchObject({ seq: 2, status: 'applied' });
    const retry = await push(obs1, device, batch);
    expect(retry.body.results[0]).toEqual(first.body.results[0]);
    expect(await server.database.db.selectFrom('reports').select('id').execute()).toHaveLength(0);
  });

  it('refuses answers that do not fit the form, and a form version never published', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const wrongType = reportMutation(2, server.projectA, caseId, uuidv7(), hearingAnswers({ monitors_admitted: 42 }));
    const unknownField = reportMutation(3, server.projectA, caseId, uuidv7(), hearingAnswers({ no_such_question: 'x' }));
    const unpublished = { ...reportMutation(4, server.projectA, caseId), payload: { ...reportMutation(4, server.projectA, caseId).payload, formVersion: 99 } };
    const result = await push(obs1, device, [caseMutation(1, server.projectA, caseId), wrongType, unknownField, unpublished]);
    expect(result.body.results.map((r) => r.status)).toEqual(['applied', 'refused', 'refused', 'refused']);
    expect(result.body.results[1]?.reason).toContain('monitors_admitted');
    expect(result.body.results[2]?.reason).toContain('no_such_question');
    expect(result.body.results[3]?.reason).toContain('hearing@99');
  });

  it('stores the sections marked "nothing to record here" (_nothing) with the report, and refuses an unknown section there, storing nothing', async () => {
    const { obs1, coord } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    const marked = reportMutation(2, server.projectA, caseId, reportId, hearingAnswers({ _nothing: ['interpreter', 'juveniles'] }));
    const bogus = reportMutation(3, server.projectA, caseId, uuidv7(), hearingAnswers({ _nothing: ['no_such_section'] }));
    const result = await push(obs1, device, [caseMutation(1, server.projectA, caseId), marked, bogus]);
    expect(result.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'refused']);
    expect(result.body.results[2]?.reason).toContain('_nothing.no_such_section');
    const stored = await server.request(coord, 'GET', `/api/reports/${reportId}`);
    expect(stored.json<{ report: { answers: Record<string, unknown> } }>().report.answers['_nothing']).toEqual(['interpreter', 'juveniles']);
    expect((await tableCounts(server.database))['reports']).toBe(1);
  });

  it('keeps both versions when a device sends other content without having seen the newest version', async () => {
    const { obs1 } = server.people;
    const phone = uuidv7();
    const tablet = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    await push(obs1, phone, [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)]);
    const amended = await push(obs1, phone, [reportMutation(3, server.projectA, caseId, reportId, hearingAnswers({ summary_text: 'Amended' }), 1)]);
    expect(amended.body.results[0]).toEqual({ seq: 3, status: 'applied', version: 2 });
    // The tablet still thinks version 1 is the newest.
    const stale = await push(obs1, tablet, [reportMutation(1, server.projectA, caseId, reportId, hearingAnswers({ summary_text: 'Other words' }), 1)]);
    expect(stale.body.results[0]).toEqual({ seq: 1, status: 'conflict', version: 3 });
    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'conflict', 'answers']).where('report_id', '=', reportId).orderBy('version').execute();
    expect(versions.map((v) => [v.version, v.conflict])).toEqual([[1, 0], [2, 0], [3, 1]]);
    expect(versions.map((v) => (JSON.parse(v.answers) as { summary_text: string }).summary_text)).toEqual(['The hearing was closed to monitors.', 'Amended', 'Other words']);
  });

  it('pulls only the changes after the cursor, each entity once in its current state', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const start = await pull(obs1, 0);
    expect(start.changes.filter((c) => c.entity === 'form').map((c) => c.data)).toContainEqual(expect.objectContaining({ id: 'hearing', version: 1 }));
    const caseA = uuidv7();
    await push(obs1, device, [caseMutation(1, server.projectA, caseA, 'FIRST')]);
    const afterFirst = await pull(obs1, start.cursor);
    expect(afterFirst.changes.map((c) => c.entity === 'case' && c.data.code)).toEqual(['FIRST']);
    expect(afterFirst.cursor).toBeGreaterThan(start.cursor);

    const caseB = uuidv7();
    await push(obs1, device, [caseMutation(2, server.projectA, caseB, 'SECOND'), reportMutation(3, server.projectA, caseB)]);
    const afterSecond = await pull(obs1, afterFirst.cursor);
    expect(afterSecond.changes.map((c) => c.entity)).toEqual(['case', 'report']);
    expect(afterSecond.changes[0]?.entity === 'case' && afterSecond.changes[0].data.code).toBe('SECOND');
    const nothing = await pull(obs1, afterSecond.cursor);
    expect(nothing).toEqual({ cursor: afterSecond.cursor, hasMore: false, changes: [] });
  });

  it('never shows an observer another observer\'s report or case, by pull or by id', async () => {
    const { obs1, obs2, obsb, coord } = server.people;
    const caseId = uuidv7();
    const reportId = uuidv7();
    await push(obs1, uuidv7(), [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)]);

    for (const other of [obs2, obsb]) {
      const seen = await pull(other, 0);
      expect(seen.changes.filter((c) => c.entity !== 'form')).toEqual([]);
      const direct = await server.request(other, 'GET', `/api/reports/${reportId}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.json()).toEqual({ error: { code: 'not_found', params: { what: 'report' }, message: 'The report was not found.' } });
      expect((await server.request(other, 'GET', '/api/reports')).statusCode).toBe(403);
    }
    const own = await server.request(obs1, 'GET', `/api/reports/${reportId}`);
    expect(own.statusCode).toBe(200);
    const coordinator = await server.request(coord, 'GET', `/api/reports/${reportId}`);
    expect(coordinator.statusCode).toBe(200);
    expect(coordinator.json<{ report: { answers: unknown } }>().report.answers).toEqual(hearingAnswers());
    const list = await server.request(coord, 'GET', '/api/reports');
    expect(list.json<{ reports: { id: string }[] }>().reports.map((r) => r.id)).toEqual([reportId]);
  });

  it('refuses writes into a project the observer is not in, and a device registered to someone else', async () => {
    const { obs1, obsb } = server.people;
    const device = uuidv7();
    const intoB = await push(obs1, device, [caseMutation(1, server.projectB)]);
    expect(intoB.body.results[0]).toMatchObject({ status: 'refused', code: 'not_a_member', reason: 'You are not a member of this project.' });
    const stolen = await push(obsb, device, [caseMutation(1, server.projectB)]);
    expect(stolen.status).toBe(403);
    expect(stolen.body).toMatchObject({ error: { code: 'device_of_another_user' } });
  });
});
