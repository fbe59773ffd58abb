import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/** An amendment is a new version with its reason, never an overwrite; the coordinator reads the reason. */
describe.each(testEngines())('amending a report on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(async () => {
    await server.close();
  });

  it('stores the amendment as version 2 with its reason, keeps version 1, and a retry changes nothing', async () => {
    const { obs1, coord } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const reportId = uuidv7();
    const push = async (mutations: readonly object[]) => (await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations })).json<PushResponse>();
    await push([caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)]);

    const amended = reportMutation(3, server.projectA, caseId, reportId, hearingAnswers({ summary_text: 'Corrected: the hearing was open.' }), 1);
    const withReason = { ...amended, payload: { ...amended.payload, reason: 'I mixed up two hearings.' } };
    expect((await push([withReason])).results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);
    expect((await push([withReason])).results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);

    const detail = await server.request(coord, 'GET', `/api/reports/${reportId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<{ report: { version: number; answers: Record<string, unknown> }; reason: string | null }>();
    expect(body.report.version).toBe(2);
    expect(body.reason).toBe('I mixed up two hearings.');
    expect(body.report.answers['summary_text']).toBe('Corrected: the hearing was open.');
    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'reason']).where('report_id', '=', reportId).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, reason: null },
      { version: 2, reason: 'I mixed up two hearings.' },
    ]);
  });
});
