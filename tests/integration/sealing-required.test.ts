import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRefusal } from '../../src/core/api/error-codes.ts';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { apiErrorsEn as en } from '../../src/app/base/i18n/api-errors.en.ts';
import { apiErrorsRu as ru } from '../../src/app/base/i18n/api-errors.ru.ts';
import { needsReseal } from '../../src/app/sync/sealed-outbox.ts';
import { buildApp } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { readableFields, sealProject, sealedReportMutation, type ProjectKey } from '../helpers/sealed-project.ts';
import { caseMutation, reportMutation, startTestServer, tableCounts, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Which readable report versions a push stores (issue 11 parts 5 and 6; src/server/sync/seal-policy.ts):
 * never one from a device that has shown it holds the project's key, and, when the administrator
 * requires sealed projects (REQUIRE_SEALED_PROJECTS), none at all.
 */
describe.each(testEngines())('readable report versions and sealing on %s', (engine) => {
  let server: TestServer;
  let required: FastifyInstance;
  let caseA: string;
  let caseB: string;
  beforeEach(async () => {
    server = await startTestServer(engine);
    required = await buildApp({ database: server.database, checkResponses: true, sealingRequired: true });
    caseA = uuidv7();
    caseB = uuidv7();
    const setUp = await push(server.app, server.people.obs1, uuidv7(), [caseMutation(1, server.projectA, caseA)]);
    expect(setUp.results[0]?.status).toBe('applied');
  });
  afterEach(async () => {
    await required.close();
    await server.close();
  });

  async function push(app: FastifyInstance, who: Person, deviceId: string, mutations: readonly object[]): Promise<PushResponse> {
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie: who.cookie }, payload: { protocol: 1, deviceId, mutations } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PushResponse>();
  }
  const versionCount = async (): Promise<number> => (await server.database.db.selectFrom('report_versions').select('report_id').execute()).length;

  it('refuses a readable version from a device that has sent a sealed one in the project, storing nothing, and the device seals it again', async () => {
    const key: ProjectKey = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    const device = uuidv7();
    const first = await sealedReportMutation(1, key, uuidv7(), readableFields(server.projectA, caseA));
    expect((await push(server.app, server.people.obs1, device, [first])).results[0]?.status).toBe('applied');
    const before = await versionCount();

    const readable = reportMutation(2, server.projectA, caseA, uuidv7());
    const [refused] = (await push(server.app, server.people.obs1, device, [readable])).results;
    expect(refused).toMatchObject({ status: 'refused', code: 'readable_in_sealed_project', reason: formatRefusal('readable_in_sealed_project', {}) });
    expect(needsReseal(refused)).toBe(true);
    expect(await versionCount()).toBe(before);

    // Another device of the same observer, which has not received the key yet, is still heard (and flagged).
    const [other] = (await push(server.app, server.people.obs1, uuidv7(), [reportMutation(1, server.projectA, caseA, uuidv7())])).results;
    expect(other?.status).toBe('applied');
  });

  it('refuses a readable version after a sealed one in the same push', async () => {
    const key = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    const sealed = await sealedReportMutation(1, key, uuidv7(), readableFields(server.projectA, caseA));
    const results = (await push(server.app, server.people.obs1, uuidv7(), [sealed, reportMutation(2, server.projectA, caseA, uuidv7())])).results;
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'readable_in_sealed_project']);
  });

  it('with sealed projects required, refuses readable versions of an open project, with a coded refusal in English and Russian, and stores nothing', async () => {
    const device = uuidv7();
    // The project can still be prepared: cases are metadata, not report content.
    expect((await push(required, server.people.obs1, device, [caseMutation(1, server.projectA, caseB)])).results[0]?.status).toBe('applied');
    const before = await tableCounts(server.database);
    const [refused] = (await push(required, server.people.obs1, device, [reportMutation(2, server.projectA, caseB, uuidv7())])).results;
    expect(refused).toMatchObject({ status: 'refused', code: 'project_sealing_required', params: {} });
    expect(refused?.reason).toContain('requires sealed projects');
    expect(needsReseal(refused)).toBe(true);
    const counts = await tableCounts(server.database);
    // Only the refusal itself is recorded (push_results), and the device's last seq.
    expect({ ...counts, push_results: 0, devices: 0 }).toEqual({ ...before, push_results: 0, devices: 0 });
    expect(en.refusals.project_sealing_required).toBe(formatRefusal('project_sealing_required', {}));
    expect(ru.refusals.project_sealing_required).toContain('зашифрован');
    expect(ru.refusals.readable_in_sealed_project).toContain('зашифрован');
  });

  it('with sealed projects required, refuses a readable version of a sealed project even from a device without the key, and stores the sealed one', async () => {
    const key = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    const device = uuidv7();
    const reportId = uuidv7();
    const [refused] = (await push(required, server.people.obs1, device, [reportMutation(1, server.projectA, caseA, reportId)])).results;
    expect(refused).toMatchObject({ status: 'refused', code: 'readable_in_sealed_project' });
    expect(await versionCount()).toBe(0);
    // After its pull the device seals the same report for version 1 and sends it: stored.
    const sealed = await sealedReportMutation(2, key, reportId, readableFields(server.projectA, caseA));
    expect((await push(required, server.people.obs1, device, [sealed])).results[0]).toMatchObject({ status: 'applied', version: 1 });
    const stored = await server.database.db.selectFrom('report_versions').select(['answers', 'readable_in_sealed']).where('report_id', '=', reportId).execute();
    expect(stored).toEqual([{ answers: '{}', readable_in_sealed: 0 }]);
  });
});
