import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, freshCookie, withToken } from '../helpers/people.ts';
import { caseMutation, startTestServer, tableCounts, TEST_PASSWORD, type Person, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('projects, people, assignments and sign-in hardening on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let caseId: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await addPerson(server, 'root', { admin: true });
    caseId = uuidv7();
    await server.request(server.people.coord, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId, 'KG-PEOPLE')] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lets an administrator attach people directly: a new account with its password shown once, or a role for an existing one', async () => {
    const added = await server.request(admin, 'POST', `/api/projects/${server.projectA}/members`, { username: 'Amina', displayName: 'Amina K.', role: 'observer' });
    expect(added.statusCode).toBe(201);
    const { password, id } = added.json<{ password: string; id: string }>();
    expect(password).toHaveLength(20);
    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'amina', password }, remoteAddress: '10.1.0.1' });
    expect(signIn.statusCode).toBe(200);

    // An existing account gets the role; no password is made or shown.
    const attached = await server.request(admin, 'POST', `/api/projects/${server.projectA}/members`, { username: 'obsb', role: 'coordinator' });
    expect(attached.statusCode).toBe(200);
    expect(attached.json()).not.toHaveProperty('password');
    const people = (await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/people`)).json<{ people: { id: string; username: string; role: string }[] }>();
    expect(people.people).toEqual(expect.arrayContaining([expect.objectContaining({ id, username: 'amina', role: 'observer' }), expect.objectContaining({ username: 'obsb', role: 'coordinator' })]));
    await server.database.db.deleteFrom('memberships').where('project_id', '=', server.projectA).where('user_id', '=', server.people.obsb.id).execute();
    // Coordinators cannot: attaching an existing account is an administrator's act or the account's own consent.
    expect((await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/members`, { username: 'obsb', role: 'observer' })).statusCode).toBe(403);
  });

  it('refuses people changes to observers, other projects and bad input, changing nothing', async () => {
    const { coord, obs1 } = server.people;
    const before = await tableCounts(server.database);
    expect((await server.request(obs1, 'POST', `/api/projects/${server.projectA}/people`, { username: 'zed', role: 'observer' })).statusCode).toBe(403);
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectB}/people`, { username: 'zed', role: 'coordinator' })).statusCode).toBe(403);
    expect((await server.request(coord, 'GET', `/api/projects/${server.projectB}/people`)).statusCode).toBe(403);
    const bad = await server.request(coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'no spaces allowed', role: 'boss' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string; issues: unknown[] } }>().error).toMatchObject({ code: 'invalid_input' });
    expect(bad.json<{ error: { issues: unknown[] } }>().error.issues).toHaveLength(2);
    expect((await server.request(coord, 'POST', '/api/projects', { name: 'Coordinators cannot' })).statusCode).toBe(403);
    expect(await tableCounts(server.database)).toEqual(before);
  });

  it('lets an administrator create projects; a taken name is a 409', async () => {
    const created = await server.request(admin, 'POST', '/api/projects', { name: 'Project C' });
    expect(created.statusCode).toBe(201);
    expect((await server.request(admin, 'POST', '/api/projects', { name: 'Project C' })).statusCode).toBe(409);
  });

  it('assigns an observer to a case, which then reaches their device; only observers of the project', async () => {
    const { coord, obs2, obsb } = server.people;
    const pullCases = async (): Promise<string[]> =>
      (await server.request(obs2, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().changes.flatMap((c) => (c.entity === 'case' ? [c.data.id] : []));
    expect(await pullCases()).not.toContain(caseId);
    const assigned = await server.request(coord, 'POST', `/api/projects/${server.projectA}/cases/${caseId}/observers`, { userId: obs2.id, assigned: true });
    expect(assigned.json()).toEqual({ ok: true, changed: true });
    expect(await pullCases()).toContain(caseId);
    const list = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/assignments`)).json<{ cases: { id: string; observers: string[] }[] }>();
    expect(list.cases.find((c) => c.id === caseId)?.observers).toContain(obs2.id);
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectA}/cases/${caseId}/observers`, { userId: obsb.id, assigned: true })).json()).toMatchObject({
      error: { code: 'not_an_observer' },
    });
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectB}/cases/${caseId}/observers`, { userId: obs2.id, assigned: true })).statusCode).toBe(403);
    const removed = await server.request(coord, 'POST', `/api/projects/${server.projectA}/cases/${caseId}/observers`, { userId: obs2.id, assigned: false });
    expect(removed.json()).toEqual({ ok: true, changed: true });
  });

  it('signs a user out everywhere, and lets an administrator end anyone’s sessions', async () => {
    const { obs1 } = server.people;
    const first = { ...obs1, cookie: await freshCookie(server, obs1) };
    const second = { ...obs1, cookie: await freshCookie(server, obs1) };
    const everywhere = await server.request(first, 'POST', '/api/auth/sign-out-everywhere', {});
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.json<{ sessions: number }>().sessions).toBeGreaterThanOrEqual(2);
    expect((await server.request(second, 'GET', '/api/me')).statusCode).toBe(401);

    const third = { ...obs1, cookie: await freshCookie(server, obs1) };
    expect((await server.request(server.people.coord, 'POST', `/api/users/${obs1.id}/revoke-sessions`, {})).statusCode).toBe(403);
    expect((await server.request(admin, 'POST', `/api/users/${obs1.id}/revoke-sessions`, {})).json()).toMatchObject({ ok: true, sessions: 1 });
    expect((await server.request(third, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('stops a disabled user from signing in, using a session or syncing with a device token; enabling undoes it', async () => {
    const victim = await addPerson(server, 'victim', { project: server.projectA, role: 'observer' });
    const device = await enrolDevice(server, server.people.coord, victim, server.projectA);
    expect((await server.request(admin, 'POST', `/api/users/${victim.id}/disable`, {})).statusCode).toBe(200);
    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'victim', password: TEST_PASSWORD }, remoteAddress: '10.1.0.2' });
    expect(signIn.statusCode).toBe(401);
    expect((await server.request(victim, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await withToken(server, device.token, 'GET', '/api/sync/pull?cursor=0')).json()).toMatchObject({ error: { code: 'account_disabled' } });
    expect((await server.request(admin, 'POST', `/api/users/${admin.id}/disable`, {})).json()).toMatchObject({ error: { code: 'cannot_disable_self' } });
    expect((await server.request(admin, 'POST', `/api/users/${victim.id}/enable`, {})).statusCode).toBe(200);
    expect((await withToken(server, device.token, 'GET', '/api/sync/pull?cursor=0')).statusCode).toBe(200);
  });
});
