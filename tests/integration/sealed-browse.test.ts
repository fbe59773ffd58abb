import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseBundle, sealedCount, type ReceivedCaseBundle } from '../../src/app/coordinator/sealing/open-case-bundle.ts';
import { caseMatrix, toExportInput, type CaseBundle } from '../../src/core/export/case-bundle.ts';
import { buildCaseDocument } from '../../src/core/export/case-document.ts';
import type { ExportFormat } from '../../src/core/export/export-formats.ts';
import { readArchive } from '../../src/core/export/json-archive.ts';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import { CASE_FILE_ANSWERS, FIRST_OBSERVER_ANSWERS, publishCountForms, SECOND_OBSERVER_ANSWERS } from '../helpers/count-fixture.ts';
import { testEngines } from '../helpers/databases.ts';
import { crypto, makeProjectKey, sealedReportMutation, sealProject, type ProjectKey } from '../helpers/sealed-project.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));
const now = new Date('2026-11-28T12:00:00Z');
const rightIds = rights.map((r) => r.id);

interface Seeded {
  readonly server: TestServer;
  readonly key: ProjectKey | undefined;
}

/**
 * The same case on two servers, one project open and one sealed: the same ids, answers, decisions and
 * assessment, sent as the app sends them (readable, or sealed to the project key on the device).
 */
async function seed(engine: Parameters<typeof startTestServer>[0], sealed: boolean, ids: { caseId: string; caseFile: string; first: string; second: string }): Promise<Seeded> {
  const server = await startTestServer(engine);
  await publishCountForms(server);
  const key = sealed ? await sealProject(server.database.db, server.projectA, server.people.coord.id) : undefined;
  const { obs1, obs2, coord } = server.people;
  const report = async (seq: number, id: string, formId: string, hearingDate: string, answers: object) => {
    const fields = { projectId: server.projectA, caseId: ids.caseId, formId, formVersion: 1, hearingDate, answers: answers as Record<string, never> };
    return key === undefined ? ({ seq, entity: 'report', id, baseVersion: 0, payload: fields } as const) : sealedReportMutation(seq, key, id, fields);
  };
  const push = async (who: typeof obs1, mutations: readonly object[]) => {
    const response = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations });
    expect(response.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
  };
  await push(obs1, [
    caseMutation(1, server.projectA, ids.caseId, 'KG-SEALED'),
    await report(2, ids.caseFile, 'count-case', '2026-11-02', CASE_FILE_ANSWERS),
    await report(3, ids.first, 'count-hearing', '2026-11-20', FIRST_OBSERVER_ANSWERS),
  ]);
  await server.database.db.insertInto('case_observers').values({ case_id: ids.caseId, user_id: obs2.id }).execute();
  await push(obs2, [await report(1, ids.second, 'count-hearing', '2026-11-20', SECOND_OBSERVER_ANSWERS)]);
  const ok = async (method: 'POST' | 'PUT', url: string, body: object) => expect((await server.request(coord, method, url, body)).statusCode).toBe(200);
  await ok('POST', `/api/cases/${ids.caseId}/decisions`, { reportId: ids.first, path: 'witness_rows.w2.present_before', decision: 'dismissed' });
  await ok('POST', `/api/cases/${ids.caseId}/decisions`, { reportId: ids.first, path: 'access', decision: 'confirmed' });
  await ok('PUT', `/api/cases/${ids.caseId}/assessments/iccpr-14-1`, { text: 'Monitors were kept out twice.', grade: 'serious' });
  await ok('PUT', `/api/cases/${ids.caseId}/recommendations`, { text: 'Admit monitors.' });
  return { server, key };
}

function keyOf(seeded: Seeded): ProjectKey {
  if (seeded.key === undefined) throw new Error('the project is not sealed');
  return seeded.key;
}

async function caseOf(seeded: Seeded, caseId: string): Promise<ReceivedCaseBundle> {
  const response = await seeded.server.request(seeded.server.people.coord, 'GET', `/api/cases/${caseId}`);
  expect(response.statusCode).toBe(200);
  return response.json<ReceivedCaseBundle>();
}

/** What differs between two servers whatever the sealing: the project's id and when each report arrived. */
function aligned(bundle: CaseBundle): CaseBundle {
  return { ...bundle, case: { ...bundle.case, projectId: 'the project' }, reports: bundle.reports.map((r) => ({ ...r, receivedAt: '2026-11-20T18:00:00.000Z' })) };
}

/** An export's parsed contents: each file of a ZIP (XLSX, CSV archive) as text, a DOCX's paragraphs, the JSON archive read back. */
async function exported(bundle: CaseBundle, format: ExportFormat, codesOnly: boolean): Promise<unknown> {
  const bytes = await writeCaseExport(bundle, format, { language: 'en', codesOnly, includeInterviews: false, includeUnapproved: true }, rights, now);
  if (format === 'json') return readArchive(bytes).archive;
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  // A DOCX as the text of its paragraphs (table cells included); its bookmark numbers and stamped dates are the writer's, not the case's.
  if (format === 'docx') return [...(files['word/document.xml'] ?? '').matchAll(/<w:p\b.*?<\/w:p>/gs)].map(([p]) => [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  return files;
}

function printed(bundle: CaseBundle) {
  const input = toExportInput(bundle);
  return buildCaseDocument({ caseCode: bundle.case.code, court: bundle.case.court, project: bundle.case.project, ...input, rights, regions: bundle.case.regions, generatedAt: now.toISOString() }, { language: 'ru', codesOnly: true, includeInterviews: false, includeUnapproved: true });
}

describe.each(testEngines())('a sealed project’s case opened in the coordinator’s browser, on %s', (engine) => {
  const ids = { caseId: uuidv7(), caseFile: uuidv7(), first: uuidv7(), second: uuidv7() };
  let open: Seeded;
  let sealed: Seeded;
  let openBundle: CaseBundle;
  beforeAll(async () => {
    open = await seed(engine, false, ids);
    sealed = await seed(engine, true, ids);
    openBundle = aligned(await caseOf(open, ids.caseId));
  });
  afterAll(async () => {
    await open.server.close();
    await sealed.server.close();
  });

  it('gives the same bundle, findings matrix, assessments, print document and every export as the open project', async () => {
    const received = await caseOf(sealed, ids.caseId);
    // What the server sent holds no answers: the browser has to open every version.
    expect(sealedCount(received)).toBe(3);
    expect(received.reports.map((r) => r.answers)).toEqual([{}, {}, {}]);
    const steps: [number, number][] = [];
    const opened = await openCaseBundle(crypto, received, keyOf(sealed), (done, total) => steps.push([done, total]));
    expect(opened.unopened).toEqual([]);
    expect(steps).toEqual([
      [0, 3],
      [3, 3],
    ]);
    const bundle = aligned(opened.bundle);
    expect(bundle).toEqual(openBundle);

    const matrix = (b: CaseBundle) => {
      const input = toExportInput(b);
      return caseMatrix(input, input.reports, rightIds);
    };
    expect(matrix(bundle)).toEqual(matrix(openBundle));
    // 4 + 1 in the hearings, 1 in the case file: the count is there to compare, not only an empty equality.
    expect(matrix(bundle).total).toBe(6);
    // The assessments screen: one editor per right of the matrix, with the stored assessment and grade.
    expect({ rights: matrix(bundle).rows.map((r) => r.right), assessments: bundle.assessments }).toEqual({ rights: matrix(openBundle).rows.map((r) => r.right), assessments: openBundle.assessments });
    expect(bundle.assessments).toEqual([{ rightId: 'iccpr-14-1', text: 'Monitors were kept out twice.', grade: 'serious' }]);
    expect(printed(bundle)).toEqual(printed(openBundle));
    for (const format of ['docx', 'csv', 'xlsx', 'json'] as const) {
      for (const codesOnly of [true, false]) expect([format, codesOnly, await exported(bundle, format, codesOnly)]).toEqual([format, codesOnly, await exported(openBundle, format, codesOnly)]);
    }
    expect(JSON.stringify(await exported(bundle, 'docx', false))).toContain('The bailiff kept us in the corridor.');
    const json = (await exported(bundle, 'json', true)) as { reports: { id: string; concernCount: number; answers: object }[] };
    expect(json.reports.find((r) => r.id === ids.first)).toMatchObject({ concernCount: 4, answers: FIRST_OBSERVER_ANSWERS });
  });

  it('lists a tampered version and one the server moved by their ids, and opens the rest as the open project', async () => {
    const versions = () => sealed.server.database.db.selectFrom('report_versions').select(['report_id', 'sealed']);
    const second = await versions().where('report_id', '=', ids.second).executeTakeFirstOrThrow();
    const caseFile = await versions().where('report_id', '=', ids.caseFile).executeTakeFirstOrThrow();
    const box = JSON.parse(second.sealed ?? 'null') as { ct: string };
    // One character of the ciphertext changed; and the second report's box filed under the case file.
    const flipped = { ...box, ct: `${box.ct.slice(0, 10)}${box.ct[10] === 'A' ? 'B' : 'A'}${box.ct.slice(11)}` };
    const update = (reportId: string, value: string) => sealed.server.database.db.updateTable('report_versions').set({ sealed: value }).where('report_id', '=', reportId).execute();
    await update(ids.second, JSON.stringify(flipped));
    await update(ids.caseFile, second.sealed ?? '');
    try {
      const opened = await openCaseBundle(crypto, await caseOf(sealed, ids.caseId), keyOf(sealed));
      expect(opened.unopened.map((r) => [r.reportId, r.version, r.hearingDate, r.observerCode]).sort()).toEqual(
        [
          [ids.caseFile, 1, '2026-11-02', 'O1'],
          [ids.second, 1, '2026-11-20', 'O2'],
        ].sort(),
      );
      const rest = aligned(opened.bundle);
      const openRest: CaseBundle = { ...openBundle, reports: openBundle.reports.filter((r) => r.id === ids.first) };
      expect(rest).toEqual(openRest);
      const input = toExportInput(rest);
      const openInput = toExportInput(openRest);
      expect(caseMatrix(input, input.reports, rightIds)).toEqual(caseMatrix(openInput, openInput.reports, rightIds));
      expect(caseMatrix(input, input.reports, rightIds).total).toBe(4);
      expect(await exported(rest, 'json', true)).toEqual(await exported(openRest, 'json', true));
    } finally {
      await update(ids.second, second.sealed ?? '');
      await update(ids.caseFile, caseFile.sealed ?? '');
    }
  });

  it('opens nothing with another project’s key: every version is listed, none is shown', async () => {
    const other = await makeProjectKey();
    const opened = await openCaseBundle(crypto, await caseOf(sealed, ids.caseId), { kid: keyOf(sealed).kid, privateKey: other.privateKey });
    expect(opened.unopened.map((r) => r.reportId).sort()).toEqual([ids.caseFile, ids.first, ids.second].sort());
    expect(opened.bundle.reports).toEqual([]);
  });
});
