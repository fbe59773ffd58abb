import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readArchive } from '../../src/core/export/json-archive.ts';
import { makeRecovery, newRecoveryCode } from '../../src/core/seal/recovery-file.ts';
import { runBundledCli } from '../helpers/bundled-cli.ts';
import { postgresUrlInSchema } from '../helpers/server-process.ts';
import { testEngines, type TestDb } from '../helpers/databases.ts';
import { crypto, makeProjectKey, readableFields, sealProject, sealedReportMutation } from '../helpers/sealed-project.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The CLI's environment for this test database: its SQLite folder, or its PostgreSQL schema through the URL's options. */
function cliEnv(database: TestDb, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env, EXPORT_RECOVERY_CODE: '', ...extra };
  if (database.url === undefined) return { ...base, DATA_DIR: database.dataDir ?? '', DATABASE_URL: '' };
  return { ...base, DATABASE_URL: postgresUrlInSchema(database.url, database.schema ?? '') };
}

/** The export command with the recovery code on standard input, as `... < code.txt` gives it. */
function exportWithStdin(args: readonly string[], env: NodeJS.ProcessEnv, input: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['dist/server/export.js', ...args], { env }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error.code as number | null), stderr });
    });
    child.stdin?.end(input);
  });
}

/**
 * `npm run export -- --key-file FILE` (issue 11 part 3): a sealed case exported with the project's recovery
 * file and code equals the same answers exported from an open project; a wrong file or code, or none for a
 * sealed case, stops with exit code 2 and writes nothing.
 */
describe.each(testEngines())('the export command with a key file on %s', (engine) => {
  let server: TestServer;
  let dir: string;
  let keyFile: string;
  let code: string;
  const answers = hearingAnswers({ monitors_admitted: 'no', summary_text: 'Lamplighter quartz: the bailiffs kept the public out.' });
  beforeAll(async () => {
    server = await startTestServer(engine);
    dir = mkdtempSync(join(tmpdir(), 'tm-export-key-'));
    const key = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    const recovery = await makeRecovery(crypto, { id: server.projectA, name: 'Project A' }, key, key.publicKey);
    code = recovery.code;
    keyFile = join(dir, 'Project-A-project-key.json');
    writeFileSync(keyFile, JSON.stringify(recovery.file, null, 2));

    const sealedCase = uuidv7();
    const sealed = await sealedReportMutation(2, key, uuidv7(), readableFields(server.projectA, sealedCase, answers, 'First version'));
    const pushedA = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, sealedCase, 'KG-SEALED'), sealed] });
    expect(pushedA.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const openCase = uuidv7();
    const pushedB = await server.request(server.people.obsb, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectB, openCase, 'KG-OPEN'), reportMutation(2, server.projectB, openCase, uuidv7(), answers)],
    });
    expect(pushedB.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });
  afterAll(async () => {
    await server.close();
  });

  const exportTo = async (caseCode: string, format: string, extra: readonly string[], env: NodeJS.ProcessEnv): Promise<Uint8Array> => {
    const out = join(dir, `${caseCode}-${uuidv7()}.${format}`);
    await runBundledCli('export', ['--case', caseCode, '--format', format, '--out', out, ...extra], env);
    return readFileSync(out);
  };

  it('exports a sealed case with the key file exactly as the same answers from an open project (JSON archive and CSV)', async () => {
    const withKey = cliEnv(server.database, { EXPORT_RECOVERY_CODE: code.toLowerCase() });
    const sealedArchive = readArchive(await exportTo('KG-SEALED', 'json', ['--key-file', keyFile], withKey)).archive;
    const openArchive = readArchive(await exportTo('KG-OPEN', 'json', [], cliEnv(server.database))).archive;
    const comparable = (reports: typeof sealedArchive.reports) => reports.map(({ id: _id, caseId: _case, receivedAt: _at, ...rest }) => rest);
    expect(sealedArchive.reports[0]?.answers).toEqual(answers);
    expect(sealedArchive.reports[0]?.concernCount).toBeGreaterThan(0);
    expect(comparable(sealedArchive.reports)).toEqual(comparable(openArchive.reports));
    // The audit log says the export opened sealed reports with a key file (never which words).
    const audited = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'export.cli').where('project_id', '=', server.projectA).execute();
    expect(audited.map((row) => (JSON.parse(row.detail ?? '{}') as { keyFile?: boolean }).keyFile)).toContain(true);

    const rowsOf = async (caseCode: string, extra: readonly string[], env: NodeJS.ProcessEnv): Promise<string[][]> => {
      // Codes only: the two observers are different people, both O1 in their case.
      const files = unzipSync(await exportTo(caseCode, 'csv', ['--codes-only', ...extra], env));
      const rows = parseCsv(strFromU8(files['hearing-v1.csv'] ?? new Uint8Array()));
      const header = rows[0] ?? [];
      // The columns that name the report, its case and when it arrived differ between the two projects by nature.
      const differ = new Set(['report_id', 'case_code', 'received_at', 'court'].map((name) => header.indexOf(name)));
      return rows.map((row) => row.filter((_cell, i) => !differ.has(i)));
    };
    const sealedRows = await rowsOf('KG-SEALED', ['--key-file', keyFile], withKey);
    expect(sealedRows.flat().join(' ')).toContain('Lamplighter quartz');
    expect(sealedRows).toEqual(await rowsOf('KG-OPEN', [], cliEnv(server.database)));
  });

  it('reads the recovery code from standard input', async () => {
    const out = join(dir, 'stdin.json');
    const run = await exportWithStdin(['--case', 'KG-SEALED', '--format', 'json', '--out', out, '--key-file', keyFile], cliEnv(server.database), `${code}\n`);
    expect(run).toMatchObject({ code: 0 });
    expect(readArchive(readFileSync(out)).archive.reports[0]?.answers).toEqual(answers);
  });

  it('stops with exit code 2 and writes nothing for a wrong code, a wrong or unreadable file, or a sealed case without a key file', async () => {
    const otherKey = await makeProjectKey();
    const otherFile = join(dir, 'other.json');
    writeFileSync(otherFile, JSON.stringify((await makeRecovery(crypto, { id: server.projectA, name: 'Project A' }, otherKey, otherKey.publicKey)).file));
    const notKey = join(dir, 'not-a-key.json');
    writeFileSync(notKey, '{"kind":"something else"}');
    const cases: readonly (readonly [readonly string[], NodeJS.ProcessEnv, RegExp])[] = [
      [['--key-file', keyFile], cliEnv(server.database, { EXPORT_RECOVERY_CODE: newRecoveryCode(crypto) }), /the recovery code is wrong/],
      [['--key-file', otherFile], cliEnv(server.database, { EXPORT_RECOVERY_CODE: code }), /key file of another project or of an older key/],
      [['--key-file', notKey], cliEnv(server.database, { EXPORT_RECOVERY_CODE: code }), /is not a key file of Trial Monitor/],
      [['--key-file', join(dir, 'missing.json')], cliEnv(server.database, { EXPORT_RECOVERY_CODE: code }), /cannot read the key file .*ENOENT/],
      [[], cliEnv(server.database), /case KG-SEALED has 1 sealed report\(s\): give --key-file/],
    ];
    for (const [extra, env, message] of cases) {
      const out = join(dir, `refused-${uuidv7()}.json`);
      const refused = runBundledCli('export', ['--case', 'KG-SEALED', '--format', 'json', '--out', out, ...extra], env);
      await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(message) as unknown });
      await expect(refused).rejects.toMatchObject({ stderr: expect.stringContaining('Nothing was written.') as unknown });
      expect(existsSync(out)).toBe(false);
    }
    // A key file for a project that is not sealed is a mistake too.
    const out = join(dir, 'open-with-key.json');
    await expect(runBundledCli('export', ['--case', 'KG-OPEN', '--format', 'json', '--out', out, '--key-file', keyFile], cliEnv(server.database, { EXPORT_RECOVERY_CODE: code }))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not sealed: export it without --key-file') as unknown,
    });
    expect(existsSync(out)).toBe(false);
  });
});
