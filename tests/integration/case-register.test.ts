import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterResponse } from '../../src/core/api/case-register.ts';
import type { CaseBundle } from '../../src/core/export/case-bundle.ts';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import { runBundledCli } from '../helpers/bundled-cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')) as unknown);

describe.each(testEngines())("a case's register of people on %s", (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    const answers = { ...hearingAnswers(), summary_text: 'Подсудимый Петров заявил, что Петрову не дали адвоката; знает ли суд об этом?' };
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-REGISTER'), reportMutation(2, server.projectA, caseId, uuidv7(), answers)],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const url = `/api/cases/${caseId}/people`;
  const list = async () => (await server.request(server.people.coord, 'GET', `/api/cases/${caseId}/people`)).json<RegisterResponse>().people;
  const add = (body: unknown) => server.request(server.people.coord, 'POST', url, body);
  /** Everything the register and its audit trail hold: "nothing stored changed" is this being equal. */
  const stored = async () => ({
    people: await server.database.db.selectFrom('case_people').selectAll().orderBy('id').execute(),
    audit: (await server.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'case.person%').executeTakeFirstOrThrow()).n,
  });

  it('adds, lists by code, changes and removes entries, each audited by code and never by name', async () => {
    const d1 = await add({ code: 'd1', role: 'defendant', name: ' Петров Андрей ' });
    expect(d1.statusCode).toBe(200);
    expect(d1.json()).toMatchObject({ person: { code: 'D1', role: 'defendant', name: 'Петров Андрей' } });
    expect((await add({ code: 'W10', role: 'witness', name: 'Смирнова Ольга' })).statusCode).toBe(200);
    expect((await add({ code: 'W2', role: 'witness', name: 'Ли Мин' })).statusCode).toBe(200);
    expect((await list()).map((p) => p.code)).toEqual(['D1', 'W2', 'W10']);

    const w10 = (await list()).find((p) => p.code === 'W10');
    const changed = await server.request(server.people.coord, 'PUT', `${url}/${w10?.id ?? ''}`, { code: 'W3', role: 'witness', name: 'Смирнова Ольга Ивановна' });
    expect(changed.statusCode).toBe(200);
    expect((await list()).map((p) => `${p.code} ${p.name}`)).toEqual(['D1 Петров Андрей', 'W2 Ли Мин', 'W3 Смирнова Ольга Ивановна']);
    const removed = await server.request(server.people.coord, 'POST', `${url}/remove`, { personId: w10?.id });
    expect(removed.statusCode).toBe(200);
    expect((await list()).map((p) => p.code)).toEqual(['D1', 'W2']);

    const entries = await server.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'case.person%').orderBy('at').execute();
    expect(entries.map((e) => e.action)).toEqual(['case.person_added', 'case.person_added', 'case.person_added', 'case.person_changed', 'case.person_removed']);
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/Петров|Смирнов|Ли Мин/);
  });

  it.each([
    [{ code: 'X1', role: 'witness', name: '' }, 'The name is empty'],
    [{ code: 'X1', role: 'witness', name: 'И.' }, 'initials alone cannot be found'],
    [{ code: 'X1', role: 'witness', name: 'Я' }, 'initials alone cannot be found'],
    [{ code: 'X1', role: 'witness', name: 'Ли' }, 'too short or too common'],
    [{ code: 'X1', role: 'witness', name: 'Вера' }, 'too short or too common'],
    [{ code: 'O1', role: 'witness', name: 'Кузнецов' }, "observer's code"],
    [{ code: 'Д1', role: 'witness', name: 'Кузнецов' }, 'capital Latin letter'],
    [{ code: 'X1', role: 'cousin', name: 'Кузнецов' }, 'role is one of'],
    [{ code: 'X1', role: 'witness', name: 'Кузнецов', extra: 1 }, ''],
  ])('refuses %j with a clear message, storing nothing', async (body, message) => {
    const before = await stored();
    const response = await add(body);
    expect(response.statusCode).toBe(400);
    // The app says the kind in the reader's language (its register screen checks first, with the same rules);
    // API users find the register's own sentence on the fault.
    const error = response.json<{ error: { code: string; issues?: readonly { message: string }[] } }>().error;
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.[0]?.message ?? '').toContain(message);
    expect(await stored()).toEqual(before);
  });

  it('refuses the same code for two people (adding or changing), storing nothing', async () => {
    const before = await stored();
    const again = await add({ code: 'D1', role: 'witness', name: 'Кузнецов Павел' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'register_code_taken', message: expect.stringContaining('D1 already names another person') as unknown } });
    const w2 = (await list()).find((p) => p.code === 'W2');
    const renamed = await server.request(server.people.coord, 'PUT', `${url}/${w2?.id ?? ''}`, { code: 'D1', role: 'witness', name: 'Ли Мин' });
    expect(renamed.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
  });

  it('gives a code to one of two coordinators adding it at once; the other is told, and one entry is stored', async () => {
    const [a, b] = await Promise.all([add({ code: 'E5', role: 'expert', name: 'Кузнецов Павел' }), add({ code: 'E5', role: 'expert', name: 'Соколов Пётр' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await list()).filter((p) => p.code === 'E5')).toHaveLength(1);
    const e5 = (await list()).find((p) => p.code === 'E5');
    expect((await server.request(server.people.coord, 'POST', `${url}/remove`, { personId: e5?.id })).statusCode).toBe(200);
  });

  it('answers 404 for an entry of another case or one already removed, storing nothing', async () => {
    const before = await stored();
    expect((await server.request(server.people.coord, 'PUT', `${url}/${uuidv7()}`, { code: 'X9', role: 'other', name: 'Кузнецов' })).statusCode).toBe(404);
    expect((await server.request(server.people.coord, 'POST', `${url}/remove`, { personId: uuidv7() })).statusCode).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it("is the coordinators': to observers the case is not found, and nothing is written", async () => {
    const before = await stored();
    expect((await server.request(server.people.obs1, 'GET', url)).statusCode).toBe(404);
    expect((await server.request(server.people.obs1, 'POST', url, { code: 'X2', role: 'other', name: 'Кузнецов' })).statusCode).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it("travels with the case's bundle, and the codes-only export replaces the names the observer typed", async () => {
    const bundle = (await server.request(server.people.coord, 'GET', `/api/cases/${caseId}`)).json<CaseBundle>();
    expect(bundle.register?.map((p) => p.code)).toEqual(['D1', 'W2']);
    const bytes = await writeCaseExport(bundle, 'json', { language: 'ru', codesOnly: true, includeInterviews: false }, rights, new Date());
    const archive = strFromU8(unzipSync(bytes)['archive.json'] ?? new Uint8Array());
    expect(archive).toContain('Подсудимый D1 заявил, что D1 не дали адвоката; знает ли суд об этом?');
    expect(archive).not.toMatch(/Петров/);
  });
});

// The CLI reads DATA_DIR, so it runs on SQLite; it reads the register through the same case bundle.
describe('the export command line with --codes-only', () => {
  let server: TestServer;
  const caseId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const answers = { ...hearingAnswers(), summary_text: 'Адвокат Смирновой опоздал; Smirnova waited.' };
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'SMIRNOVA-1'), reportMutation(2, server.projectA, caseId, uuidv7(), answers)],
    });
    expect((await server.request(server.people.coord, 'POST', `/api/cases/${caseId}/people`, { code: 'V1', role: 'victim', name: 'Смирнова Ольга' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it('replaces the registered names in what it writes, and says so as it goes', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tm-register-')), 'case.archive.zip');
    const env = { ...process.env, DATA_DIR: server.database.dataDir ?? '' };
    const { stdout } = await runBundledCli('export', ['--case', caseId, '--format', 'json', '--codes-only', '--out', out], env);
    expect(stdout).toContain('replacing registered names with codes');
    const archive = strFromU8(unzipSync(readFileSync(out))['archive.json'] ?? new Uint8Array());
    expect(archive).toContain('Адвокат V1 опоздал; V1 waited.');
    expect(archive).toContain('"code": "V1-1"');
    expect(archive.toLowerCase()).not.toMatch(/смирнов|smirnov/);
  });
});
