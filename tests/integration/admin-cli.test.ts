import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { runAdminCommand } from '../../src/server/admin-commands.ts';
import { UserInputError } from '../../src/server/users.ts';
import { runBundledCli } from '../helpers/bundled-cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { withToken } from '../helpers/people.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('the admin command line on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    await runAdminCommand(server.database, ['add-admin', 'root'], () => undefined);
  });
  afterAll(async () => {
    await server.close();
  });

  const admin = async (...argv: string[]): Promise<string> => {
    const lines: string[] = [];
    await runAdminCommand(server.database, argv, (line) => lines.push(line));
    return lines.join('\n');
  };

  it('adds a project and people, grants roles, assigns an observer to a case', async () => {
    expect(await admin('add-project', 'Project CLI')).toMatch(/^Created project "Project CLI"/);
    expect(await admin('add-user', 'lena', '--role', 'observer', '--project', 'Project CLI')).toMatch(/Password \(shown once\): [a-z2-9]{20}$/);
    expect(await admin('grant', 'lena', '--project', 'Project A', '--role', 'observer')).toBe('"lena" is now observer in "Project A".');
    const caseId = uuidv7();
    await server.request(server.people.coord, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId, 'KG-CLI')] });
    expect(await admin('assign', 'lena', '--case', 'KG-CLI')).toBe('"lena" is assigned to case KG-CLI.');
    expect(await admin('assign', 'lena', '--case', 'KG-CLI')).toContain('(no change)');
    await expect(admin('assign', 'coord', '--case', 'KG-CLI')).rejects.toThrow(/not an observer/);
    const listed = await admin('list');
    expect(listed).toContain('lena  observer in "Project CLI"');
    expect(listed).toContain('lena  observer in "Project A"');
    expect(await admin('list', 'projects')).toContain('Project CLI');
  });

  it('issues a code that enrols a device, then revokes it and orders a wipe', async () => {
    const output = await admin('issue-code', 'obs1', '--project', 'Project A');
    const code = /: ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})\n/.exec(output)?.[1] ?? '';
    const enrolled = await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code } });
    expect(enrolled.statusCode).toBe(201);
    const { deviceId, token } = enrolled.json<{ deviceId: string; token: string }>();
    expect(await admin('list', 'devices')).toMatch(new RegExp(`${deviceId}  obs1  enrolled`));
    expect(await admin('wipe-device', deviceId)).toContain('will wipe itself');
    expect((await withToken(server, token, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().changes[0]?.entity).toBe('command');
    expect(await admin('revoke-device', deviceId)).toContain('revoked');
    await expect(admin('revoke-device', uuidv7())).rejects.toThrow(UserInputError);
    await expect(admin('revoke-device', 'nope')).rejects.toMatchObject({ code: 'no_device', params: { id: 'nope' }, message: 'no device "nope" (see: npm run admin -- list devices)' });
    await expect(admin('issue-code', 'coord', '--project', 'Project A')).rejects.toThrow(/not an observer/);
    const withLink = await admin('issue-code', 'obs2', '--project', 'Project A', '--url', 'https://monitor.example.org');
    expect(withLink).toMatch(/Or scan the QR code of https:\/\/monitor\.example\.org\/enrol#code=[a-z2-9-]{14}:\n[█▀▄ ]+/);
  });

  it('ends sessions, disables and enables accounts, and shows the audit log', async () => {
    expect(await admin('revoke-sessions', 'obs2')).toBe('Ended 1 session(s) of "obs2".');
    expect((await server.request(server.people.obs2, 'GET', '/api/me')).statusCode).toBe(401);
    expect(await admin('disable-user', 'obsb')).toContain('disabled');
    expect((await admin('list')).split('\n').find((l) => l.startsWith('obsb'))).toContain('(disabled)');
    expect(await admin('enable-user', 'obsb')).toContain('enabled again');
    const log = await admin('audit', '--limit', '100');
    for (const action of ['project.created', 'role.granted', 'case.observer_assigned', 'device.code_issued', 'device.enrolled', 'device.wipe_ordered', 'device.revoked', 'auth.sessions_revoked', 'user.disabled', 'user.enabled']) {
      expect(log).toContain(action);
    }
    expect(log).toContain('by (command line or anonymous)');
  });

  it('resets a password (audited, sessions ended) and names the administrator given with --as', async () => {
    const before = await server.database.db.selectFrom('users').select('password_hash').where('id', '=', server.people.obs1.id).executeTakeFirstOrThrow();
    const output = await admin('reset-password', 'obs1', '--as', 'root');
    const password = /\(shown once\): (\S+)$/.exec(output)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect((await server.database.db.selectFrom('users').select('password_hash').where('id', '=', server.people.obs1.id).executeTakeFirstOrThrow()).password_hash).not.toBe(before.password_hash);
    expect((await server.request(server.people.obs1, 'GET', '/api/me')).statusCode).toBe(401);
    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'obs1', password }, remoteAddress: '10.9.9.9' });
    expect(signIn.statusCode).toBe(200);
    const root = await server.database.db.selectFrom('users').select('id').where('username', '=', 'root').executeTakeFirstOrThrow();
    const entry = await server.database.db.selectFrom('audit_log').select(['actor_id', 'target', 'detail']).where('action', '=', 'auth.password_reset').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: root.id, target: server.people.obs1.id });
    expect(JSON.parse(entry.detail)).toMatchObject({ via: 'cli', sessions: 1 });
    await expect(admin('add-project', 'Project As', '--as', 'obs2')).rejects.toThrow(/--as names an enabled administrator/);
    expect(await server.database.db.selectFrom('projects').select('id').where('name', '=', 'Project As').execute()).toEqual([]);
  });

  it('explains wrong commands and missing arguments', async () => {
    await expect(admin('frobnicate')).rejects.toThrow(/unknown command "frobnicate"/);
    await expect(admin('grant', 'obs1', '--project', 'Project A')).rejects.toThrow(/needs --role/);
    await expect(admin('add-user', 'x y', '--role', 'observer', '--project', 'Project A')).rejects.toThrow(/username/);
    await expect(admin('audit', '--limit', 'lots')).rejects.toThrow(/--limit/);
    expect(await admin('help')).toContain('issue-code <username> --project NAME');
  });
});

describe('the bundled command-line tools (what `npm run admin|import` runs, without tsx)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DATA_DIR: server.database.dataDir ?? '', DATABASE_URL: '' });

  it('the admin tool works on the server database (DATA_DIR) and exits non-zero with the reason on a wrong command', async () => {
    expect((await runBundledCli('admin', ['issue-code', 'obs2', '--project', 'Project A'], env())).stdout).toMatch(/Enrolment code for "obs2"/);
    expect((await runBundledCli('admin', ['add-project', 'Project Bundled'], env())).stdout).toMatch(/^Created project "Project Bundled"/);
    expect(await server.database.db.selectFrom('projects').select('name').where('name', '=', 'Project Bundled').execute()).toHaveLength(1);
    await expect(runBundledCli('admin', ['revoke-device', 'nope'], env())).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Error: no device "nope"') as unknown });
  });

  it('the import tool explains its usage and refuses a file that is not an archive, importing nothing', async () => {
    await expect(runBundledCli('import', [], env())).rejects.toMatchObject({ stdout: expect.stringContaining('Usage: npm run import') as unknown });
    const before = await server.database.db.selectFrom('cases').select('id').execute();
    await expect(runBundledCli('import', ['package.json', '--project', 'Project A'], env())).rejects.toMatchObject({ stderr: expect.stringContaining('Nothing was imported.') as unknown });
    expect(await server.database.db.selectFrom('cases').select('id').execute()).toEqual(before);
  });
});
