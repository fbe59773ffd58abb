import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalCode } from '../../src/core/api/error-codes.ts';
import type { MutationResult, PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { makeProjectKey, openStored, readableFields, sealProject, sealedReportMutation, type ProjectKey } from '../helpers/sealed-project.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, tableCounts, type Person, type TestServer } from '../helpers/test-server.ts';

const codeOf = (result: MutationResult | undefined): string | undefined => (result?.reason === undefined ? undefined : refusalCode(result.reason)?.code);

/** The server's side of sealed projects (issue 11 part 3): it stores the box and the metadata, never the answers. */
describe.each(testEngines())('sealed report versions on %s', (engine) => {
  let server: TestServer;
  let key: ProjectKey;
  let caseId: string;
  let device: string;
  let seq: number;
  beforeEach(async () => {
    server = await startTestServer(engine);
    key = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    device = uuidv7();
    caseId = uuidv7();
    seq = 1;
    expect((await push(server.people.obs1, device, [caseMutation(seq++, server.projectA, caseId)])).results[0]?.status).toBe('applied');
  });
  afterEach(async () => {
    await server.close();
  });

  async function push(who: Person, deviceId: string, mutations: readonly object[]): Promise<PushResponse> {
    const response = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PushResponse>();
  }
  const pull = async (who: Person): Promise<PullResponse> => {
    const response = await server.request(who, 'GET', '/api/sync/pull?cursor=0');
    expect(response.statusCode).toBe(200);
    return response.json<PullResponse>();
  };
  const versionsOf = (reportId: string) =>
    server.database.db.selectFrom('report_versions').select(['version', 'answers', 'reason', 'sealed', 'readable_in_sealed']).where('report_id', '=', reportId).orderBy('version').execute();

  it('stores a sealed version as its box with empty answers, no reason and no findings, and serves the box that opens to the words', async () => {
    const reportId = uuidv7();
    const answers = hearingAnswers({ monitors_admitted_details: 'Bailiffs kept everyone out.' });
    const mutation = await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId, answers));
    expect((await push(server.people.obs1, device, [mutation])).results).toEqual([{ seq: 2, status: 'applied', version: 1 }]);

    const [stored] = await versionsOf(reportId);
    expect({ answers: stored?.answers, reason: stored?.reason, flagged: stored?.readable_in_sealed }).toEqual({ answers: '{}', reason: null, flagged: 0 });
    const report = await server.database.db.selectFrom('reports').select(['sealed', 'concern_count']).where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(report).toEqual({ sealed: 1, concern_count: 0 });
    expect(await server.database.db.selectFrom('report_rights').select('right_id').where('report_id', '=', reportId).execute()).toEqual([]);

    // The pull carries the project's public key and the sealed record (no answers) to the observer's devices.
    const page = await pull(server.people.obs1);
    expect(page.seals).toEqual([{ projectId: server.projectA, kid: key.kid, publicKey: key.publicKey }]);
    const record = page.changes.find((c) => c.entity === 'report')?.data;
    expect(record && 'answers' in record ? record.answers : undefined).toEqual({});
    expect(await openStored(key, record && 'sealed' in record ? record.sealed : undefined, reportId, 1)).toEqual({ answers });
    // A member of another project learns no key of this one.
    expect((await pull(server.people.obsb)).seals).toBeUndefined();

    // The coordinator's detail and case bundle return the box; the lists say the count is unknown.
    const detail = (await server.request(server.people.coord, 'GET', `/api/reports/${reportId}`)).json<{ report: { answers: object; sealed?: unknown }; reason: string | null }>();
    expect({ answers: detail.report.answers, reason: detail.reason }).toEqual({ answers: {}, reason: null });
    expect(await openStored(key, detail.report.sealed, reportId, 1)).toEqual({ answers });
    const bundle = (await server.request(server.people.coord, 'GET', `/api/cases/${caseId}`)).json<{ reports: { sealed?: unknown }[] }>();
    expect(await openStored(key, bundle.reports[0]?.sealed, reportId, 1)).toEqual({ answers });
    const list = (await server.request(server.people.coord, 'GET', '/api/reports')).json<{ reports: { id: string; concernCount: number | null }[] }>();
    expect(list.reports.find((r) => r.id === reportId)?.concernCount).toBeNull();
    const cases = (await server.request(server.people.coord, 'GET', `/api/cases?project=${server.projectA}`)).json<{ cases: { id: string; concerns: number | null }[] }>();
    expect(cases.cases.find((c) => c.id === caseId)?.concerns).toBeNull();
    // "No concerns" is a claim the server cannot make about a sealed report.
    const calm = (await server.request(server.people.coord, 'GET', `/api/cases?project=${server.projectA}&concerns=0`)).json<{ cases: { id: string }[] }>();
    expect(calm.cases.map((c) => c.id)).not.toContain(caseId);
  });

  it('answers a retry of the same sealed version as unchanged, under the same seq and under a new one', async () => {
    const reportId = uuidv7();
    const mutation = await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId));
    const first = await push(server.people.obs1, device, [mutation]);
    const before = await tableCounts(server.database);
    expect(await push(server.people.obs1, device, [mutation])).toEqual(first);
    expect((await push(server.people.obs1, device, [{ ...mutation, seq: seq++ }])).results).toEqual([{ seq: 3, status: 'unchanged', version: 1 }]);
    expect({ ...(await tableCounts(server.database)), push_results: 0 }).toEqual({ ...before, push_results: 0 });
    expect(await versionsOf(reportId)).toHaveLength(1);
  });

  it('stores an amendment sealed for the next version, and refuses one sealed for a version the server moved past', async () => {
    const reportId = uuidv7();
    await push(server.people.obs1, device, [await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId))]);
    const other = uuidv7();
    const tablet = await sealedReportMutation(1, key, reportId, readableFields(server.projectA, caseId, hearingAnswers({ summary_text: 'From the tablet.' }), 'Tablet'), 1);
    expect((await push(server.people.obs1, other, [tablet])).results).toEqual([{ seq: 1, status: 'applied', version: 2 }]);

    // The phone had seen version 1 only: its box is bound to version 2, which the tablet's now is.
    const before = await tableCounts(server.database);
    const phone = await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId, hearingAnswers({ summary_text: 'From the phone.' }), 'Phone'), 1);
    const stale = (await push(server.people.obs1, device, [phone])).results[0];
    expect({ status: stale?.status, code: codeOf(stale) }).toEqual({ status: 'refused', code: 'sealed_base_stale' });
    expect({ ...(await tableCounts(server.database)), push_results: 0, devices: 0 }).toEqual({ ...before, push_results: 0, devices: 0 });

    // Sealed again for version 3 (what the device does after its pull), it is stored as 3.
    const again = await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId, hearingAnswers({ summary_text: 'From the phone.' }), 'Phone'), 2);
    expect((await push(server.people.obs1, device, [again])).results).toEqual([{ seq: again.seq, status: 'applied', version: 3 }]);
    const versions = await versionsOf(reportId);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect((await openStored(key, JSON.parse(versions[2]?.sealed ?? 'null'), reportId, 3)).reason).toBe('Phone');
    // The server cannot move a box: version 2's box does not open as version 3's.
    await expect(openStored(key, JSON.parse(versions[1]?.sealed ?? 'null'), reportId, 3)).rejects.toThrow('seal_cannot_open');
  });

  it('refuses, storing nothing, a malformed box, a box for another key, and a sealed version for a project that is not sealed', async () => {
    const reportId = uuidv7();
    const good = await sealedReportMutation(seq, key, reportId, readableFields(server.projectA, caseId));
    const before = await tableCounts(server.database);
    const malformed = { ...good, payload: { ...good.payload, sealed: { ...good.payload.sealed, ct: 'not base64url!' } } };
    const stranger = await sealedReportMutation(seq + 1, await makeProjectKey(), uuidv7(), readableFields(server.projectA, caseId));
    const caseB = uuidv7();
    const obsbDevice = uuidv7();
    await push(server.people.obsb, obsbDevice, [caseMutation(1, server.projectB, caseB)]);
    const unsealed = await sealedReportMutation(2, key, uuidv7(), readableFields(server.projectB, caseB));

    const results = (await push(server.people.obs1, device, [malformed, stranger])).results;
    expect(results.map((r) => [r.status, codeOf(r)])).toEqual([
      ['refused', 'sealed_box_malformed'],
      ['refused', 'sealed_key_stale'],
    ]);
    const other = (await push(server.people.obsb, obsbDevice, [unsealed])).results[0];
    expect([other?.status, codeOf(other)]).toEqual(['refused', 'project_not_sealed']);
    const after = await tableCounts(server.database);
    expect({ reports: after['reports'], report_versions: after['report_versions'] }).toEqual({ reports: before['reports'], report_versions: before['report_versions'] });
  });

  it('refuses a payload that is both readable and sealed as bad input, storing nothing', async () => {
    const mutation = await sealedReportMutation(seq, key, uuidv7(), readableFields(server.projectA, caseId));
    const before = await tableCounts(server.database);
    const both = { ...mutation, payload: { ...mutation.payload, answers: hearingAnswers() } };
    const response = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations: [both] });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toContain('mutations.0.payload.answers');
    expect(await tableCounts(server.database)).toEqual(before);
  });

  it('accepts a readable version from a device without the key, flags it and lists the device for the coordinator', async () => {
    const reportId = uuidv7();
    expect((await push(server.people.obs1, device, [reportMutation(seq++, server.projectA, caseId, reportId)])).results[0]?.status).toBe('applied');
    expect((await versionsOf(reportId))[0]?.readable_in_sealed).toBe(1);
    const listed = await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/readable-senders`);
    expect(listed.statusCode).toBe(200);
    const devices = listed.json<{ devices: { deviceId: string; userId: string; readableVersions: number; lastSealedAt: string | null }[] }>().devices;
    expect(devices.map(({ deviceId, userId, readableVersions, lastSealedAt }) => ({ deviceId, userId, readableVersions, lastSealedAt }))).toEqual([
      { deviceId: device, userId: server.people.obs1.id, readableVersions: 1, lastSealedAt: null },
    ]);

    // Once it has the key, its amendment is sealed: the list shows it did.
    await push(server.people.obs1, device, [await sealedReportMutation(seq++, key, reportId, readableFields(server.projectA, caseId, hearingAnswers({ summary_text: 'Sealed now.' }), 'Key arrived'), 1)]);
    const now = (await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/readable-senders`)).json<{ devices: { lastSealedAt: string | null }[] }>();
    expect(now.devices[0]?.lastSealedAt).not.toBeNull();
    // Observers may not read the list.
    expect((await server.request(server.people.obs1, 'GET', `/api/projects/${server.projectA}/readable-senders`)).statusCode).toBe(403);
  });
});
