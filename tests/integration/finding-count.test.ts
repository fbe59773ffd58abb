import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMatrix, toExportInput, type CaseBundle } from '../../src/core/export/case-bundle.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readArchive } from '../../src/core/export/json-archive.ts';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import type { Themes as ThemesResponse } from '../../src/core/api/cases.ts';
import { CASE_FILE_ANSWERS, FIRST_OBSERVER_ANSWERS, publishCountForms, SECOND_OBSERVER_ANSWERS } from '../helpers/count-fixture.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));
const options = { language: 'en', codesOnly: true, includeInterviews: false, includeUnapproved: true };
const now = new Date('2026-11-28T12:00:00Z');

function report(seq: number, projectId: string, caseId: string, id: string, formId: string, hearingDate: string, answers: object) {
  return { seq, entity: 'report', id, baseVersion: 0, payload: { projectId, caseId, formId, formVersion: 1, hearingDate, answers } } as const;
}

/** The rows of every table in a DOCX body, as the text of their cells. */
function docxRows(bytes: Uint8Array): string[][] {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array());
  return [...xml.matchAll(/<w:tr\b.*?<\/w:tr>/gs)].map(([row]) => [...row.matchAll(/<w:tc\b.*?<\/w:tc>/gs)].map(([cell]) => [...cell.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

describe.each(testEngines())('one finding, one count, everywhere, on %s', (engine) => {
  let server: TestServer;
  let bundle: CaseBundle;
  const caseId = uuidv7();
  const first = uuidv7();
  const second = uuidv7();
  const caseFile = uuidv7();

  beforeAll(async () => {
    server = await startTestServer(engine);
    await publishCountForms(server);
    const { obs1, obs2, coord } = server.people;
    const push = async (who: typeof obs1, mutations: readonly object[]) => {
      const response = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations });
      expect(response.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
    };
    await push(obs1, [
      caseMutation(1, server.projectA, caseId, 'KG-COUNT'),
      report(2, server.projectA, caseId, caseFile, 'count-case', '2026-11-02', CASE_FILE_ANSWERS),
      report(3, server.projectA, caseId, first, 'count-hearing', '2026-11-20', FIRST_OBSERVER_ANSWERS),
    ]);
    await server.database.db.insertInto('case_observers').values({ case_id: caseId, user_id: obs2.id }).execute();
    await push(obs2, [report(1, server.projectA, caseId, second, 'count-hearing', '2026-11-20', SECOND_OBSERVER_ANSWERS)]);
    const decide = async (reportId: string, path: string, decision: string) =>
      expect((await server.request(coord, 'POST', `/api/cases/${caseId}/decisions`, { reportId, path, decision })).statusCode).toBe(200);
    await decide(first, 'witness_rows.w2.present_before', 'dismissed');
    await decide(first, 'access', 'confirmed');
    const response = await server.request(coord, 'GET', `/api/cases/${caseId}`);
    expect(response.statusCode).toBe(200);
    bundle = response.json<CaseBundle>();
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives each hearing report the same count on the case page, in the matrix, the DOCX, CSV, XLSX and JSON', async () => {
    const input = toExportInput(bundle);
    const matrix = caseMatrix(input, input.reports, rights.map((r) => r.id));
    const matrixCount = (reportId: string) => matrix.columns.find((c) => c.reportId === reportId)?.total;
    const casePage = (reportId: string) => bundle.reports.find((r) => r.id === reportId)?.concernCount;

    const docx = docxRows(await writeCaseExport(bundle, 'docx', options, rights, now));
    const docxHeader = docx.find((cells) => cells[0] === 'Date' && cells.includes('Concerns')) ?? [];
    const docxCount = (observer: string) => docx.find((cells) => cells[0] === '2026-11-20' && cells.includes(observer))?.[docxHeader.indexOf('Concerns')];

    const csv = parseCsv(strFromU8(unzipSync(await writeCaseExport(bundle, 'csv', options, rights, now))['count-hearing-v1.csv'] ?? new Uint8Array()));
    const csvCount = (reportId: string) => csv.find((row) => row[0] === reportId)?.[csv[0]?.indexOf('concerns') ?? -1];

    const xlsx = unzipSync(await writeCaseExport(bundle, 'xlsx', options, rights, now));
    const workbook = strFromU8(xlsx['xl/workbook.xml'] ?? new Uint8Array());
    const sheetNumber = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].findIndex((m) => m[1] === 'count-hearing-v1') + 1;
    const sheet = strFromU8(xlsx[`xl/worksheets/sheet${sheetNumber}.xml`] ?? new Uint8Array());
    const concernsColumn = String.fromCharCode(65 + (csv[0]?.indexOf('concerns') ?? 0));
    const xlsxCount = (reportId: string) => {
      const row = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].find((m) => m[2]?.includes(reportId));
      return Number(new RegExp(`<c r="${concernsColumn}${row?.[1] ?? ''}"><v>(\\d+)</v>`).exec(row?.[2] ?? '')?.[1]);
    };

    const { archive } = readArchive(await writeCaseExport(bundle, 'json', options, rights, now));
    const jsonCount = (reportId: string) => archive.reports.find((r) => r.id === reportId)?.concernCount;

    // Five findings in the first report, ten mentions of a right; the coordinator dismissed the one about the victim.
    expect([casePage(first), matrixCount(first), Number(docxCount('O1')), Number(csvCount(first)), xlsxCount(first), jsonCount(first)]).toEqual([4, 4, 4, 4, 4, 4]);
    expect([casePage(second), matrixCount(second), Number(docxCount('O2')), Number(csvCount(second)), xlsxCount(second), jsonCount(second)]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('counts the case the same in the case list, the matrix, the DOCX summary and the thematic view', async () => {
    const input = toExportInput(bundle);
    const matrix = caseMatrix(input, input.reports, rights.map((r) => r.id));
    const list = (await server.request(server.people.coord, 'GET', '/api/cases')).json<{ cases: { id: string; concerns: number }[] }>();
    const docx = docxRows(await writeCaseExport(bundle, 'docx', options, rights, now));
    const summary = (label: string) => docx.find((cells) => cells[0] === label)?.[1];
    // 4 + 1 in the hearing reports, 1 in the case file.
    expect([list.cases.find((c) => c.id === caseId)?.concerns, matrix.total, Number(summary('Concerns'))]).toEqual([6, 6, 6]);
    // Two observers of one hearing: one hearing observed; the case file is not one.
    expect(summary('Hearings observed')).toBe('1');

    const themes = (await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/themes`)).json<ThemesResponse>();
    expect(themes.months).toEqual(['2026-11']);
    expect(themes.hearings).toEqual([1]);
    for (const row of matrix.rows) {
      const hearingFindings = row.cells.reduce((n, c) => n + c.count, 0);
      const theme = themes.rights.find((r) => r.right === row.right);
      expect([row.right, theme?.findings[0] ?? 0]).toEqual([row.right, hearingFindings]);
    }
    expect(themes.rights.find((r) => r.right === 'iccpr-9-3')).toBeUndefined();
  });

  it('makes no matrix column and no hearing row of the case file, and columns of one hearing side by side by observer code', async () => {
    const input = toExportInput(bundle);
    const matrix = caseMatrix(input, input.reports, rights.map((r) => r.id));
    expect(matrix.columns.map((c) => [c.hearingDate, c.observer])).toEqual([
      ['2026-11-20', 'O1'],
      ['2026-11-20', 'O2'],
    ]);
    expect(matrix.outside.map((r) => r.reportId)).toEqual([caseFile]);
    const docx = docxRows(await writeCaseExport(bundle, 'docx', options, rights, now));
    expect(docx.filter((cells) => cells[0] === '2026-11-02')).toEqual([]);
    // Observers appear by code in what coordinators export, never by username.
    const all = JSON.stringify(docx);
    expect(all).not.toContain('obs1');
    expect(all).toContain('O1');
  });
});
