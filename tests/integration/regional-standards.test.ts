import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readArchive } from '../../src/core/export/json-archive.ts';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import { loadCaseBundle } from '../../src/server/domain/case-bundle.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));
const options = { language: 'en', codesOnly: true, includeInterviews: false, includeUnapproved: true };
const now = new Date('2026-12-03T12:00:00Z');

/**
 * ECHR per project (issue 13): a project in a Council of Europe state cites ECHR 3, 5 and 6 beside the
 * ICCPR and CAT articles in the findings and every export; a project without the setting shows no ECHR
 * at all; the count is the same either way. Only the project's coordinators choose, and bad choices change nothing.
 */
describe.each(testEngines())('regional standards per project on %s', (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  let url: string;

  beforeAll(async () => {
    server = await startTestServer(engine);
    url = `/api/projects/${server.projectA}/regional-standards`;
    // hearing@1: monitors not admitted is an ICCPR 14(1) finding, which ECHR 6 corresponds to.
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-REGIONS'), reportMutation(2, server.projectA, caseId, uuidv7(), hearingAnswers())],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const exportsOf = async () => {
    const bundle = await loadCaseBundle(server.database.db, caseId);
    const xml = strFromU8(unzipSync(await writeCaseExport(bundle, 'docx', options, rights, now))['word/document.xml'] ?? new Uint8Array());
    const docx = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const csv = parseCsv(strFromU8(unzipSync(await writeCaseExport(bundle, 'csv', options, rights, now))['findings.csv'] ?? new Uint8Array()));
    const { archive } = readArchive(await writeCaseExport(bundle, 'json', options, rights, now));
    return { bundle, docx, csv, archive };
  };

  it('cites no ECHR for a project that has not chosen it', async () => {
    expect((await server.request(server.people.obs1, 'GET', url)).json()).toEqual({ regions: [] });
    const { bundle, docx, csv, archive } = await exportsOf();
    expect(bundle.case.regions).toEqual([]);
    expect(docx).toContain('ICCPR 14(1)');
    expect(docx).not.toMatch(/ECHR|European Convention/);
    expect(csv[0]).not.toContain('regional_rights');
    expect(JSON.stringify(csv)).not.toContain('echr');
    expect(archive.cases[0]).not.toHaveProperty('regions');
  });

  it("lets only the project's coordinators choose, refuses unknown and repeated regions, and changes nothing then", async () => {
    const body = { regions: ['council-of-europe'] };
    const observer = await server.request(server.people.obs1, 'PUT', url, body);
    expect(observer.statusCode).toBe(403);
    expect(observer.json()).toMatchObject({ error: { code: 'forbidden', params: { what: 'regional_standards' } } });
    expect((await server.request(server.people.obsb, 'PUT', url, body)).statusCode).toBe(404);
    for (const bad of [{ regions: ['asia'] }, { regions: ['council-of-europe', 'council-of-europe'] }, { regions: 'council-of-europe' }, { regions: [], extra: 1 }]) {
      const refused = await server.request(server.people.coord, 'PUT', url, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'invalid_input' } });
    }
    expect((await server.request(server.people.coord, 'GET', url)).json()).toEqual({ regions: [] });
    const audited = await server.database.db.selectFrom('audit_log').select('action').where('action', '=', 'project.regional_standards').execute();
    expect(audited).toEqual([]);
  });

  it('names ECHR 6 beside ICCPR 14(1) in the Word report, the CSV and the JSON archive once chosen, counting the same', async () => {
    const before = await exportsOf();
    const chosen = await server.request(server.people.coord, 'PUT', url, { regions: ['council-of-europe'] });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({ regions: ['council-of-europe'] });
    expect((await server.request(server.people.obs1, 'GET', url)).json()).toEqual({ regions: ['council-of-europe'] });
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'target', 'detail']).where('action', '=', 'project.regional_standards').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: server.people.coord.id, target: server.projectA });
    expect(audit.detail).toContain('council-of-europe');

    const after = await exportsOf();
    expect(after.bundle.case.regions).toEqual(['council-of-europe']);
    // The case page reads the bundle through the API: the regions travel with it.
    const api = (await server.request(server.people.coord, 'GET', `/api/cases/${caseId}`)).json<{ case: { regions?: string[] } }>();
    expect(api.case.regions).toEqual(['council-of-europe']);

    expect(after.docx).toContain('Regional standard');
    expect(after.docx).toContain('European Convention on Human Rights 6, Right to a fair trial');
    expect(after.docx).toContain('Regional standards engaged');
    const header = after.csv[0] ?? [];
    expect(header.slice(header.indexOf('rights'), header.indexOf('rights') + 2)).toEqual(['rights', 'regional_rights']);
    const finding = after.csv.find((row) => row[header.indexOf('path')] === 'monitors_admitted') ?? [];
    expect(finding[header.indexOf('rights')]).toContain('iccpr-14-1');
    expect(finding[header.indexOf('regional_rights')]).toBe('echr-6');
    expect(after.archive.cases[0]?.regions).toEqual(['council-of-europe']);
    // One count: the regional standard is named, never counted as another finding.
    expect(after.csv.length).toBe(before.csv.length);
    expect(after.archive.reports.map((r) => r.concernCount)).toEqual(before.archive.reports.map((r) => r.concernCount));

    // Cleared again, the ECHR leaves every export.
    expect((await server.request(server.people.coord, 'PUT', url, { regions: [] })).json()).toEqual({ regions: [] });
    expect((await exportsOf()).docx).not.toMatch(/ECHR|European Convention/);
  });
});
