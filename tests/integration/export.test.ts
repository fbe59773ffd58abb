import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readArchive, writeArchive } from '../../src/core/export/json-archive.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { importArchive, ImportError } from '../../src/server/import/import-archive.ts';
import { loadCaseBundle } from '../../src/server/domain/case-bundle.ts';
import { runBundledCli } from '../helpers/bundled-cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';
const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));
const options = { language: 'en', codesOnly: false, includeInterviews: false };

async function seed(server: TestServer, caseId: string, reportId: string): Promise<void> {
  await server.request(server.people.obs1, 'POST', '/api/sync/push', {
    protocol: 1,
    deviceId: uuidv7(),
    mutations: [caseMutation(1, server.projectA, caseId, 'KG-EXPORT'), reportMutation(2, server.projectA, caseId, reportId, hearingAnswers({ summary_text: '=HYPERLINK("x")', monitors_admitted: 'no' }))],
  });
}

describe.each(testEngines())('case exports from %s', (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  const reportId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    await seed(server, caseId, reportId);
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes the Word report, the CSV and XLSX data, and a JSON archive that reads back equal', async () => {
    const bundle = await loadCaseBundle(server.database.db, caseId);
    const now = new Date('2026-11-28T12:00:00Z');

    const docxXml = async (extra: object) => strFromU8(unzipSync(await writeCaseExport(bundle, 'docx', { ...options, ...extra }, rights, now))['word/document.xml'] ?? new Uint8Array());
    // The monitoring report has approved reports only, unless asked: the report here is not reviewed yet.
    const approvedOnly = await docxXml({});
    expect(approvedOnly).toContain('KG-EXPORT');
    expect(approvedOnly).not.toContain('Person obs1');
    const docx = await docxXml({ includeUnapproved: true });
    expect(docx).toContain('Person obs1');
    expect(docx).toContain('(not approved)');

    const csv = unzipSync(await writeCaseExport(bundle, 'csv', options, rights, now));
    const rows = parseCsv(strFromU8(csv['hearing-v1.csv'] ?? new Uint8Array()));
    const summaryColumn = rows[0]?.indexOf('summary_text') ?? -1;
    expect(rows[1]?.[0]).toBe(reportId);
    expect(rows[1]?.[summaryColumn]).toBe('\'=HYPERLINK("x")');

    const xlsx = unzipSync(await writeCaseExport(bundle, 'xlsx', options, rights, now));
    expect(strFromU8(xlsx['xl/worksheets/sheet1.xml'] ?? new Uint8Array())).toContain('KG-EXPORT');

    const { archive } = readArchive(await writeCaseExport(bundle, 'json', { ...options, codesOnly: true }, rights, now));
    expect(archive.reports).toHaveLength(1);
    expect(archive.reports[0]?.answers).toEqual(bundle.reports[0]?.answers);
    expect(archive.cases[0]?.code).toBe('KG-EXPORT');
    expect(JSON.stringify(archive)).not.toContain('Person obs1');
  });
});

describe.each(testEngines())('an archive round trip on %s', (engine) => {
  let source: TestServer;
  let target: TestServer;
  const caseId = uuidv7();
  beforeAll(async () => {
    source = await startTestServer(engine);
    target = await startTestServer(engine);
    await seed(source, caseId, uuidv7());
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('imports an exported archive into another server, and exporting it there gives the same archive', async () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const first = await writeCaseExport(await loadCaseBundle(source.database.db, caseId), 'json', options, rights, now);
    // Someone on the target server is called "o1", like the archive's first observer code.
    await target.database.db.insertInto('users').values({ id: uuidv7(), username: 'o1', display_name: 'Real O1', password_hash: 'x', is_admin: 0, created_at: now.toISOString(), disabled_at: null }).execute();
    const outcome = await importArchive(target.database.db, first, target.projectA);
    expect(outcome).toMatchObject({ cases: 1, reports: 1, skipped: 0 });
    const second = await writeCaseExport(await loadCaseBundle(target.database.db, caseId), 'json', options, rights, now);
    const a = readArchive(first).archive;
    const b = readArchive(second).archive;
    expect(b.reports).toEqual(a.reports);
    expect(b.cases.map(({ projectId: _p, ...rest }) => rest)).toEqual(a.cases.map(({ projectId: _p, ...rest }) => rest));
    expect(b.forms).toEqual(a.forms);
    // The archive's observer codes are not this server's accounts, even where a username matches.
    const authors = await target.database.db.selectFrom('reports').innerJoin('users', 'users.id', 'reports.author_id').select(['users.username', 'users.disabled_at']).where('reports.case_id', '=', caseId).execute();
    expect(authors).toEqual([{ username: 'imported-o1', disabled_at: expect.any(String) as unknown }]);
    // Importing again changes nothing.
    const before = await tableCounts(target.database);
    expect(await importArchive(target.database.db, first, target.projectA)).toMatchObject({ cases: 0, reports: 0, skipped: 1 });
    expect(await tableCounts(target.database)).toEqual(before);
  });

  it('refuses a damaged or contradicting archive and stores nothing', async () => {
    const before = await tableCounts(target.database);
    await expect(importArchive(target.database.db, new Uint8Array([80, 75, 1, 2]), target.projectA)).rejects.toThrow(ImportError);
    await expect(importArchive(target.database.db, new Uint8Array([80, 75, 1, 2]), target.projectA)).rejects.toMatchObject({ code: 'archive_unreadable' });
    const bundle = await loadCaseBundle(source.database.db, caseId);
    const changed = { ...bundle, reports: bundle.reports.map((r) => ({ ...r, answers: { ...r.answers, summary_text: 'Other words' } })) };
    const contradicting = await writeCaseExport(changed, 'json', options, rights, new Date());
    await expect(importArchive(target.database.db, contradicting, target.projectA)).rejects.toThrow(/other content/);
    expect(await tableCounts(target.database)).toEqual(before);
  });

  it('refuses an archive with NUL or broken Unicode in its text, or a day not in the calendar, and stores nothing', async () => {
    const before = await tableCounts(target.database);
    const { archive } = readArchive(await writeCaseExport(await loadCaseBundle(source.database.db, caseId), 'json', options, rights, new Date()));
    const kase = archive.cases[0];
    const report = archive.reports[0];
    if (kase === undefined || report === undefined) throw new Error('the seeded case and report are expected');
    const damaged = [
      { ...archive, cases: [{ ...kase, code: 'KG\u0000-1' }] },
      { ...archive, cases: [{ ...kase, court: 'City court \uD800' }] },
      { ...archive, reports: [{ ...report, observerCode: 'O\u0000' }] },
      { ...archive, reports: [{ ...report, hearingDate: '2026-02-30' }] },
    ];
    for (const bad of damaged) await expect(importArchive(target.database.db, writeArchive(bad), target.projectA)).rejects.toThrow(ImportError);
    expect(await tableCounts(target.database)).toEqual(before);
  });
});

// The CLI reads DATA_DIR, so it runs on SQLite; the export code it calls is tested on both engines above.
describe('the export command line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await seed(server, uuidv7(), uuidv7());
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs from the command line with progress and a clear error for an unknown case', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tm-export-')), 'case.docx');
    const env = { ...process.env, DATA_DIR: server.database.dataDir ?? '' };
    const { stdout } = await runBundledCli('export', ['--case', 'KG-EXPORT', '--format', 'docx', '--out', out], env);
    expect(stdout).toContain('Writing 1 report(s) as docx...');
    expect(strFromU8(unzipSync(readFileSync(out))['word/document.xml'] ?? new Uint8Array())).toContain('KG-EXPORT');
    await expect(runBundledCli('export', ['--case', 'NOPE', '--format', 'csv'], env)).rejects.toMatchObject({ stderr: expect.stringContaining('no case "NOPE"') as unknown });
  });
});
