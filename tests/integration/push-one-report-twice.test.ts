import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

// A push reads the reports it writes once, before its first mutation (push.ts): a later mutation of the
// same report in that push must still see what the earlier one wrote.
describe.each(testEngines())('one push writing a report twice on %s', (engine) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(engine);
  });
  afterEach(async () => {
    await server.close();
  });

  it('creates the report, then amends it, then amends a report stored before, all in one push', async () => {
    const { obs1 } = server.people;
    const device = uuidv7();
    const caseId = uuidv7();
    const earlier = uuidv7();
    const fresh = uuidv7();
    await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations: [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, earlier)] });
    const response = await server.request(obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: device,
      mutations: [
        reportMutation(3, server.projectA, caseId, fresh),
        reportMutation(4, server.projectA, caseId, fresh, hearingAnswers({ summary_text: 'Amended at once' }), 1),
        reportMutation(5, server.projectA, caseId, earlier, hearingAnswers({ summary_text: 'Amended later' }), 1),
        reportMutation(6, server.projectA, caseId, fresh, hearingAnswers({ summary_text: 'Amended at once' }), 2),
      ],
    });
    expect(response.json<PushResponse>().results).toEqual([
      { seq: 3, status: 'applied', version: 1 },
      { seq: 4, status: 'applied', version: 2 },
      { seq: 5, status: 'applied', version: 2 },
      { seq: 6, status: 'unchanged', version: 2 },
    ]);
    const versions = await server.database.db.selectFrom('report_versions').select(['report_id', 'version', 'conflict']).orderBy('report_id').orderBy('version').execute();
    expect(versions.filter((v) => v.report_id === fresh).map((v) => [v.version, v.conflict])).toEqual([[1, 0], [2, 0]]);
    expect(versions.filter((v) => v.report_id === earlier).map((v) => [v.version, v.conflict])).toEqual([[1, 0], [2, 0]]);
    const reports = await server.database.db.selectFrom('reports').select(['id', 'version']).execute();
    expect(new Map(reports.map((r) => [r.id, r.version]))).toEqual(new Map([[earlier, 2], [fresh, 2]]));
  });
});
