import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, withToken } from '../helpers/people.ts';
import { startTestServer, tableCounts, type Person, type TestServer } from '../helpers/test-server.ts';

interface Invitation {
  readonly username: string;
  readonly role: string;
  readonly code: string;
  readonly expiresAt: string;
  readonly acceptPath: string;
}

/**
 * Adding a person is an invitation (issue 12, item 4): the same answer whether or not the username exists,
 * no account until the person accepts, and an existing account joins only with its own consent.
 */
describe.each(testEngines())('invitations on %s', (engine) => {
  let server: TestServer;
  let address = 0;
  const anonymous = (url: string, payload: unknown) => server.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: `10.9.0.${(address += 1)}` });
  const invite = async (username: string, role = 'observer'): Promise<Invitation> => {
    const response = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/people`, { username, role });
    expect(response.statusCode).toBe(201);
    return response.json<Invitation>();
  };
  const membership = (userId: string) =>
    server.database.db.selectFrom('memberships').select('role').where('project_id', '=', server.projectA).where('user_id', '=', userId).executeTakeFirst();
  const auditOf = (action: string) => server.database.db.selectFrom('audit_log').select(['project_id', 'target']).where('action', '=', action).execute();

  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the same for a taken and a free username, and creates or attaches nothing', async () => {
    const before = await tableCounts(server.database);
    const taken = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'obsb', role: 'observer' });
    const free = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'nobody-yet', role: 'observer' });
    expect([taken.statusCode, free.statusCode]).toEqual([201, 201]);
    expect(Object.keys(taken.json<object>()).sort()).toEqual(Object.keys(free.json<object>()).sort());
    expect(taken.json()).not.toHaveProperty('id');
    expect(taken.json()).not.toHaveProperty('password');
    const after = await tableCounts(server.database);
    expect({ users: after['users'], memberships: after['memberships'] }).toEqual({ users: before['users'], memberships: before['memberships'] });
    // The audit entry names no account either, only the role offered.
    expect((await auditOf('invitation.created')).every((e) => e.project_id === server.projectA && e.target === null)).toBe(true);
  });

  it('lets a new person choose a password with the code: the account is made then, in that project only', async () => {
    const invitation = await invite('amina');
    expect(invitation.acceptPath).toBe(`/invitation#code=${invitation.code}`);
    expect((await anonymous('/api/invitations/accept-new', { code: invitation.code, password: 'short' })).json()).toMatchObject({ error: { code: 'invalid_input' } });
    const accepted = await anonymous('/api/invitations/accept-new', { code: invitation.code.toUpperCase(), password: 'a long enough passphrase' });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ projectId: server.projectA, projectName: 'Project A', role: 'observer', username: 'amina' });
    const signIn = await anonymous('/api/auth/sign-in', { username: 'amina', password: 'a long enough passphrase' });
    expect(signIn.statusCode).toBe(200);
    const user = await server.database.db.selectFrom('users').select('id').where('username', '=', 'amina').executeTakeFirstOrThrow();
    expect(await membership(user.id)).toEqual({ role: 'observer' });
    for (const action of ['user.created', 'invitation.accepted', 'role.granted']) expect(await auditOf(action)).toContainEqual({ project_id: server.projectA, target: user.id });
    // A code works once.
    expect((await anonymous('/api/invitations/accept-new', { code: invitation.code, password: 'another long passphrase' })).json()).toMatchObject({ error: { code: 'bad_invitation_code' } });
  });

  it('lets an existing account join only by accepting while signed in as itself', async () => {
    const { obsb, obs1 } = server.people;
    const invitation = await invite('obsb');
    const coordB = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    const phone = await enrolDevice(server, coordB, obsb, server.projectB);
    const before = await tableCounts(server.database);
    // The name is taken: the new-account path refuses and makes nothing; the code stays usable.
    expect((await anonymous('/api/invitations/accept-new', { code: invitation.code, password: 'a long enough passphrase' })).json()).toMatchObject({ error: { code: 'username_taken' } });
    // Another account signed in cannot take it.
    expect((await server.request(obs1, 'POST', '/api/invitations/accept', { code: invitation.code })).json()).toMatchObject({ error: { code: 'invitation_for_another_account' } });
    // Nor can obsb's enrolled phone: a device token accepts nothing.
    expect((await withToken(server, phone.token, 'POST', '/api/invitations/accept', { code: invitation.code })).statusCode).toBe(403);
    expect(await tableCounts(server.database)).toEqual(before);
    expect(await membership(obsb.id)).toBeUndefined();

    const accepted = await server.request(obsb, 'POST', '/api/invitations/accept', { code: invitation.code });
    expect(accepted.json()).toMatchObject({ projectId: server.projectA, role: 'observer' });
    expect(await membership(obsb.id)).toEqual({ role: 'observer' });
    expect(await auditOf('invitation.accepted')).toContainEqual({ project_id: server.projectA, target: obsb.id });
  });

  it('refuses an expired, unknown or malformed code with a clear error, changing nothing', async () => {
    const invitation = await invite('late-person');
    await server.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const before = await tableCounts(server.database);
    expect((await anonymous('/api/invitations/accept-new', { code: invitation.code, password: 'a long enough passphrase' })).json()).toMatchObject({ error: { code: 'bad_invitation_code' } });
    expect((await anonymous('/api/invitations/accept-new', { code: 'aaaa-bbbb-cccc', password: 'a long enough passphrase' })).json()).toMatchObject({ error: { code: 'bad_invitation_code' } });
    expect((await anonymous('/api/invitations/accept-new', { code: 42 })).json()).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await anonymous('/api/invitations/accept', { code: invitation.code })).statusCode).toBe(401);
    expect(await tableCounts(server.database)).toEqual(before);
  });

  it('lets only coordinators of the project (and administrators) invite', async () => {
    const admin: Person = await addPerson(server, 'root', { admin: true });
    expect((await server.request(admin, 'POST', `/api/projects/${server.projectB}/people`, { username: 'x1', role: 'coordinator' })).statusCode).toBe(201);
    expect((await server.request(server.people.coord, 'POST', `/api/projects/${server.projectB}/people`, { username: 'x2', role: 'observer' })).statusCode).toBe(403);
    expect((await server.request(server.people.obs1, 'POST', `/api/projects/${server.projectA}/people`, { username: 'x3', role: 'observer' })).statusCode).toBe(403);
  });
});
