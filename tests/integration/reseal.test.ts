import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResealInput, ResealPage, ResealResult } from '../../src/core/api/reseal.ts';
import type { PushResponse } from '../../src/core/sync/protocol.ts';
import { runReseal, type ResealApi } from '../../src/app/coordinator/sealing/reseal-job.ts';
import { testEngines, type TestDb } from '../helpers/databases.ts';
import { addPerson } from '../helpers/people.ts';
import { crypto, makeProjectKey, openStored, type ProjectKey } from '../helpers/sealed-project.ts';
import { sealVersion } from '../../src/core/seal/sealed-report.ts';
import { sealVia, setPersonalKeyVia } from '../helpers/sealing.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

const WORD = 'Xylophone-ember';
const REASON = 'Quokka-amendment';
const LATE = 'Zephyr-latecomer';
const REPORTS = 30;

/** Everything the database keeps on disk, as bytes: SQLite's file and its WAL, or a pg_dump of the test's schema (as sealed-at-rest.test.ts). */
function storedBytes(database: TestDb): Buffer[] {
  if (database.engine === 'sqlite') {
    const file = join(database.dataDir ?? '', 'trial-monitor.sqlite');
    return [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
  }
  return [execFileSync('pg_dump', ['--data-only', '--schema', database.schema ?? '', database.url ?? ''], { maxBuffer: 256 * 1024 * 1024 })];
}
const hits = (database: TestDb, word: string): number => storedBytes(database).reduce((n, bytes) => n + bytes.toString('latin1').split(word).length - 1, 0);

/**
 * Re-sealing a sealed project's stored readable versions (issue 11 part 5): the coordinator's browser
 * seals them page by page (reseal-job.ts) and the server swaps the boxes in and deletes the readable words.
 */
describe.each(testEngines())('re-sealing stored readable versions on %s', (engine) => {
  let server: TestServer;
  let key: ProjectKey;
  let caseId: string;
  const reportIds: string[] = [];
  beforeEach(async () => {
    server = await startTestServer(engine);
    caseId = uuidv7();
    reportIds.length = 0;
    for (let n = 0; n < REPORTS; n += 1) reportIds.push(uuidv7());
    // Before the project is sealed: readable reports, and an amendment of the first with its reason.
    const mutations = [caseMutation(1, server.projectA, caseId), ...reportIds.map((id, n) => reportMutation(n + 2, server.projectA, caseId, id, hearingAnswers({ summary_text: `${WORD} ${String(n)}` })))];
    const amendment = { ...reportMutation(REPORTS + 2, server.projectA, caseId, reportIds[0], hearingAnswers({ summary_text: `${WORD} amended` }), 1) };
    const device = uuidv7();
    expect(new Set(await statusesOf(server.people.obs1, device, [...mutations, { ...amendment, payload: { ...amendment.payload, reason: REASON } }]))).toEqual(new Set(['applied']));
    const personal = await setPersonalKeyVia(server, server.people.coord);
    const sealed = await sealVia(server, server.people.coord, personal, server.projectA);
    key = { kid: sealed.unlocked.kid, publicKey: sealed.publicKey, privateKey: sealed.unlocked.privateKey };
    // After sealing, a phone that has not received the key yet: readable, flagged.
    const lateCase = uuidv7();
    const late = await statusesOf(server.people.obs2, uuidv7(), [caseMutation(1, server.projectA, lateCase, 'KG-LATE'), reportMutation(2, server.projectA, lateCase, uuidv7(), hearingAnswers({ summary_text: LATE }))]);
    expect(late).toEqual(['applied', 'applied']);
  });
  afterEach(async () => {
    await server.close();
  });

  const statusesOf = async (who: Person, deviceId: string, mutations: readonly object[]): Promise<string[]> =>
    (await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations })).json<PushResponse>().results.map((r) => r.status);
  const api = (who: Person): ResealApi => ({
    page: async (after) => {
      const answer = await server.request(who, 'GET', `/api/projects/${server.projectA}/readable-versions${after === undefined ? '' : `?after=${after}`}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<ResealPage>();
    },
    post: async (input) => {
      const answer = await server.request(who, 'POST', `/api/projects/${server.projectA}/readable-versions/sealed`, input);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<ResealResult>();
    },
  });

  it('seals every readable version, resumes a half-done job, and leaves none of the words in the database files', async () => {
    // The reports, the amendment, and the late phone's report.
    const total = REPORTS + 2;
    for (const word of [WORD, REASON, LATE]) expect(hits(server.database, word)).toBeGreaterThan(0);

    // Stopped after its first page, as by a reload: 25 sealed, the rest still readable.
    const progress: number[] = [];
    const half = await runReseal(crypto, key, api(server.people.coord), (c) => progress.push(c.readable), () => true);
    expect(half).toEqual({ readable: total - 25, total });
    expect(progress).toEqual([total, total - 25]);
    // Run again (a new page load): it goes on from what is left.
    expect(await runReseal(crypto, key, api(server.people.coord), () => undefined)).toEqual({ readable: 0, total });

    for (const word of [WORD, REASON, LATE]) expect(hits(server.database, word)).toBe(0);
    const versions = await server.database.db.selectFrom('report_versions').select(['report_id', 'version', 'answers', 'reason', 'sealed']).execute();
    expect(versions.every((row) => row.answers === '{}' && row.reason === null && row.sealed !== null)).toBe(true);
    // Each box opens, for its own report and version, to the words that were stored.
    const first = versions.filter((row) => row.report_id === reportIds[0]).sort((a, b) => a.version - b.version);
    expect(await openStored(key, JSON.parse(first[0]?.sealed ?? '{}'), reportIds[0] ?? '', 1)).toEqual({ answers: hearingAnswers({ summary_text: `${WORD} 0` }) });
    expect(await openStored(key, JSON.parse(first[1]?.sealed ?? '{}'), reportIds[0] ?? '', 2)).toEqual({ answers: hearingAnswers({ summary_text: `${WORD} amended` }), reason: REASON });
    // The counts the server made from the answers are gone too; the reports are sealed.
    expect(await server.database.db.selectFrom('report_rights').select('report_id').execute()).toEqual([]);
    const reports = await server.database.db.selectFrom('reports').select(['sealed', 'concern_count']).execute();
    expect(reports.every((r) => r.sealed === 1 && r.concern_count === 0)).toBe(true);
    const audited = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'project.resealed').execute();
    expect(audited.map((row) => (JSON.parse(row.detail ?? '{}') as { versions: number }).versions)).toEqual([25, total - 25]);
  });

  it('answers a retry as already sealed and a version that changed meanwhile as changed', async () => {
    const page = await api(server.people.coord).page(undefined);
    const [one, two] = page.versions;
    if (one === undefined || two === undefined) throw new Error('no readable versions');
    const runResealPost = (input: ResealInput): Promise<ResealResult> => api(server.people.coord).post(input);
    const sealedOne = { ...one, sealed: await openableBox(one) };
    const stale = { ...two, contentHash: 'f'.repeat(64), sealed: await openableBox(two) };
    const strip = ({ answers: _a, reason: _r, ...rest }: typeof sealedOne) => rest;
    const answer = await runResealPost({ versions: [strip(sealedOne), strip(stale)] });
    expect(answer.results.map((r) => r.status)).toEqual(['sealed', 'changed']);
    expect((await runResealPost({ versions: [strip(sealedOne)] })).results.map((r) => r.status)).toEqual(['already_sealed']);
  });

  it('refuses observers, coordinators without the key and malformed boxes, changing nothing', async () => {
    const before = await server.database.db.selectFrom('report_versions').select(['report_id', 'version', 'answers']).orderBy('report_id').orderBy('version').execute();
    expect((await server.request(server.people.obs1, 'GET', `/api/projects/${server.projectA}/readable-versions`)).statusCode).toBe(403);
    const coord2 = await addPerson(server, 'coord2', { project: server.projectA, role: 'coordinator' });
    await setPersonalKeyVia(server, coord2);
    const locked = await server.request(coord2, 'GET', `/api/projects/${server.projectA}/readable-versions`);
    expect(locked.statusCode).toBe(403);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('no_project_key');

    const [one] = (await api(server.people.coord).page(undefined)).versions;
    if (one === undefined) throw new Error('no readable versions');
    const post = (sealed: unknown) => server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/readable-versions/sealed`, { versions: [{ reportId: one.reportId, version: one.version, formId: one.formId, formVersion: one.formVersion, contentHash: one.contentHash, sealed }] });
    const malformed = await post({ v: 1, not: 'a box' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { code: string; params: { report: string } } }>().error).toMatchObject({ code: 'reseal_box_malformed', params: { report: one.reportId } });
    // Sealed to another key (one the project's coordinators do not hold): refused the same way.
    const stranger = await makeProjectKey();
    expect((await post(await sealVersion(crypto, stranger, one, { answers: one.answers }))).statusCode).toBe(400);
    const after = await server.database.db.selectFrom('report_versions').select(['report_id', 'version', 'answers']).orderBy('report_id').orderBy('version').execute();
    expect(after).toEqual(before);
  });

  function openableBox(version: ResealPage['versions'][number]) {
    return sealVersion(crypto, key, version, version.reason === null ? { answers: version.answers } : { answers: version.answers, reason: version.reason });
  }
});
