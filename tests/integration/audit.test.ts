import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { runBundledCli } from '../helpers/bundled-cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice } from '../helpers/people.ts';
import { caseMutation, reportMutation, startTestServer, TEST_PASSWORD, type Person, type TestServer } from '../helpers/test-server.ts';

interface Entry {
  readonly id: string;
  readonly action: string;
  readonly actor: { readonly username: string } | null;
  readonly project: { readonly id: string } | null;
  readonly target: string | null;
  readonly detail: Record<string, unknown>;
}

describe.each(testEngines())('the audit log on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let reportId: string;
  let caseId: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await addPerson(server, 'root', { admin: true });
    caseId = uuidv7();
    reportId = uuidv7();
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-AUDIT'), reportMutation(2, server.projectA, caseId, reportId)],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const entries = async (who: Person, query = ''): Promise<{ entries: Entry[]; next: string | null }> => {
    const response = await server.request(who, 'GET', `/api/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('logs sign-ins, successful and failed, without the password or the typed name', async () => {
    const signIn = (username: string, password: string) => server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress: '10.2.0.1' });
    await signIn('obs1', TEST_PASSWORD);
    await signIn('obs1', 'wrong-password-123');
    await signIn('my-password-in-the-name-field', 'x');
    const log = await entries(admin);
    const signIns = log.entries.filter((e) => e.action.startsWith('auth.sign_in'));
    expect(signIns.map((e) => [e.action, e.detail['reason'] ?? null])).toEqual([
      ['auth.sign_in_failed', 'unknown_user'],
      ['auth.sign_in_failed', 'wrong_password'],
      ['auth.sign_in', null],
    ]);
    const raw = JSON.stringify(await server.database.db.selectFrom('audit_log').selectAll().execute());
    expect(raw).not.toContain(TEST_PASSWORD);
    expect(raw).not.toContain('wrong-password-123');
    expect(raw).not.toContain('my-password-in-the-name-field');
  });

  it('logs review actions, comments, finding decisions, assessments and bundle reads, without their words', async () => {
    const { coord } = server.people;
    expect((await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'needs_clarification', comment: 'Secret words about the witness', commentId: uuidv7() })).statusCode).toBe(200);
    expect((await server.request(coord, 'POST', `/api/reports/${reportId}/comments`, { id: uuidv7(), body: 'More secret words', pin: 'monitors_admitted' })).statusCode).toBe(200);
    expect((await server.request(coord, 'POST', `/api/cases/${caseId}/decisions`, { reportId, path: 'monitors_admitted', decision: 'confirmed', note: 'A private note' })).statusCode).toBe(200);
    expect((await server.request(coord, 'PUT', `/api/cases/${caseId}/assessments/public-hearing`, { text: 'An assessment in words' })).statusCode).toBe(200);
    expect((await server.request(coord, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    const log = await entries(coord, `?project=${server.projectA}`);
    const byAction = new Map(log.entries.map((e) => [e.action, e]));
    expect(byAction.get('review.status')).toMatchObject({ actor: { username: 'coord' }, target: reportId, detail: { status: 'needs_clarification', withComment: true } });
    expect(byAction.get('review.comment')).toMatchObject({ target: reportId, detail: { pinned: true } });
    expect(byAction.get('finding.decision')).toMatchObject({ target: reportId, detail: { decision: 'confirmed' } });
    expect(byAction.get('case.assessment')).toMatchObject({ target: caseId, detail: { right: 'public-hearing' } });
    // A case page's load is logged but left out of the log as read, unless the reads are asked for.
    expect(byAction.has('case.bundle_read')).toBe(false);
    const reads = await entries(coord, `?project=${server.projectA}&kind=reads`);
    expect(reads.entries.map((e) => e.action)).toEqual(['case.bundle_read']);
    expect(reads.entries[0]).toMatchObject({ target: caseId, subject: { kind: 'case', id: caseId, label: 'KG-AUDIT' } });
    // Each target with its name, for the sentences: the report by its case code and hearing date, the actor by name.
    expect(byAction.get('review.status')).toMatchObject({ actor: { name: 'Person coord' }, subject: { kind: 'report', id: reportId, label: 'KG-AUDIT, 2026-11-20' } });
    const reviews = await entries(coord, `?project=${server.projectA}&kind=reviews`);
    expect(new Set(reviews.entries.map((e) => e.action))).toEqual(new Set(['review.status', 'review.comment', 'finding.decision']));
    expect((await server.request(coord, 'GET', '/api/audit?kind=everything')).json()).toMatchObject({ error: { code: 'invalid_input' } });
    const raw = JSON.stringify(log);
    for (const words of ['Secret words', 'More secret', 'private note', 'An assessment in words']) expect(raw).not.toContain(words);
  });

  it('logs codes, enrolments, revocations, wipes and role changes', async () => {
    const { coord, obs2 } = server.people;
    const device = await enrolDevice(server, coord, obs2, server.projectA);
    await server.request(coord, 'POST', `/api/devices/${device.deviceId}/wipe`, {});
    await server.request(coord, 'POST', `/api/devices/${device.deviceId}/revoke`, {});
    await server.request(coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'newbie', role: 'observer' });
    const actions = (await entries(coord)).entries.map((e) => e.action);
    for (const action of ['device.code_issued', 'device.enrolled', 'device.wipe_ordered', 'device.revoked', 'invitation.created']) expect(actions).toContain(action);
    const raw = JSON.stringify(await server.database.db.selectFrom('audit_log').selectAll().execute());
    expect(raw).not.toContain(device.token);
  });

  it('shows coordinators their own projects only, admins everything, observers nothing', async () => {
    const coordB = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    const own = await entries(coordB);
    expect(own.entries.every((e) => e.project?.id === server.projectB)).toBe(true);
    expect((await server.request(coordB, 'GET', `/api/audit?project=${server.projectA}`)).statusCode).toBe(403);
    expect((await server.request(server.people.obs1, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await server.request(undefined, 'GET', '/api/audit')).statusCode).toBe(401);
    expect((await entries(server.people.coord)).entries.some((e) => e.action === 'auth.sign_in')).toBe(false);
    expect((await entries(admin)).entries.some((e) => e.action === 'auth.sign_in')).toBe(true);
    expect((await server.request(admin, 'GET', '/api/audit?limit=0')).json()).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('pages newest first without gaps or repeats', async () => {
    const all = (await entries(admin, '?limit=500')).entries;
    expect(all.length).toBeGreaterThan(5);
    const paged: Entry[] = [];
    let before = '';
    for (;;) {
      const page = await entries(admin, `?limit=2${before}`);
      paged.push(...page.entries);
      if (page.next === null) break;
      before = `&before=${page.next}`;
    }
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect([...all.map((e) => e.id)].sort().reverse()).toEqual(all.map((e) => e.id));
  });
});

// The export command reads DATA_DIR, so it runs on SQLite; the audit call itself is the same on both engines.
describe('the export command line is audited', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const caseId = uuidv7();
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-AUDIT-CLI'), reportMutation(2, server.projectA, caseId)],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('records the format and options of an export, without its contents', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tm-audit-')), 'case.csv.zip');
    const env = { ...process.env, DATA_DIR: server.database.dataDir ?? '', DATABASE_URL: '' };
    await runBundledCli('export', ['--case', 'KG-AUDIT-CLI', '--format', 'csv', '--codes-only', '--out', out], env);
    const rows = await server.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'export.cli').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, project_id: server.projectA });
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ via: 'cli', format: 'csv', codesOnly: true, includeInterviews: false, includeUnapproved: false, reports: 1 });
  });
});
