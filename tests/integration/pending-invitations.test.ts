import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testEngines } from '../helpers/databases.ts';
import { addPerson } from '../helpers/people.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

interface Pending {
  readonly id: string;
  readonly username: string;
  readonly displayName: string | null;
  readonly role: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/**
 * Issue 12 (invitations): a coordinator sees the project's invitations still open (who, role, expiry,
 * never the code again) and cancels one, audited, after which its code no longer works.
 */
describe.each(testEngines())('pending invitations on %s', (engine) => {
  let server: TestServer;
  let address = 0;
  const anonymous = (url: string, payload: unknown) => server.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: `10.7.0.${(address += 1)}` });
  const invite = async (projectId: string, username: string, role = 'observer'): Promise<{ code: string; expiresAt: string }> => {
    const coordinator = projectId === server.projectA ? server.people.coord : await addPerson(server, `coord-${(address += 1)}`, { project: projectId, role: 'coordinator' });
    const response = await server.request(coordinator, 'POST', `/api/projects/${projectId}/people`, { username, role });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const pending = async (projectId = server.projectA): Promise<Pending[]> => {
    const response = await server.request(server.people.coord, 'GET', `/api/projects/${projectId}/invitations`);
    expect(response.statusCode).toBe(200);
    return response.json<{ invitations: Pending[] }>().invitations;
  };
  const cancel = (projectId: string, invitationId: string) => server.request(server.people.coord, 'POST', `/api/projects/${projectId}/invitations/${invitationId}/cancel`, {});

  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists who is invited, with role and expiry, and never the code or its hash', async () => {
    const issued = await invite(server.projectA, 'rustam', 'coordinator');
    const [listed] = (await pending()).filter((i) => i.username === 'rustam');
    expect(listed).toEqual({ id: expect.any(String) as unknown, username: 'rustam', displayName: null, role: 'coordinator', createdAt: expect.any(String) as unknown, expiresAt: issued.expiresAt });
    const stored = await server.database.db.selectFrom('invitations').select('id').where('username', '=', 'rustam').executeTakeFirstOrThrow();
    const body = JSON.stringify(await pending());
    expect(body).not.toContain(issued.code);
    expect(body).not.toContain(stored.id);
  });

  it('leaves accepted, expired and other projects\' invitations out', async () => {
    const accepted = await invite(server.projectA, 'gulnara');
    expect((await anonymous('/api/invitations/accept-new', { code: accepted.code, password: 'a long enough passphrase' })).statusCode).toBe(201);
    await invite(server.projectA, 'late-one');
    await server.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('username', '=', 'late-one').execute();
    await invite(server.projectB, 'in-b-only');
    const names = (await pending()).map((i) => i.username);
    expect(names).toContain('rustam');
    for (const absent of ['gulnara', 'late-one', 'in-b-only']) expect(names).not.toContain(absent);
  });

  it('cancels an invitation: audited once, gone from the list, its code refused', async () => {
    const issued = await invite(server.projectA, 'dilnoza');
    const listed = (await pending()).find((i) => i.username === 'dilnoza');
    if (listed === undefined) throw new Error('the invitation is not listed');
    const first = await cancel(server.projectA, listed.id);
    expect([first.statusCode, first.json()]).toEqual([200, { ok: true, changed: true }]);
    expect((await pending()).map((i) => i.username)).not.toContain('dilnoza');
    const refused = await anonymous('/api/invitations/accept-new', { code: issued.code, password: 'a long enough passphrase' });
    expect([refused.statusCode, refused.json()]).toMatchObject([400, { error: { code: 'bad_invitation_code' } }]);
    expect(await server.database.db.selectFrom('users').select('id').where('username', '=', 'dilnoza').execute()).toEqual([]);
    // A retried cancel (its answer lost) changes nothing and is not audited twice.
    const again = await cancel(server.projectA, listed.id);
    expect([again.statusCode, again.json()]).toEqual([200, { ok: true, changed: false }]);
    const entries = await server.database.db.selectFrom('audit_log').select(['actor_id', 'project_id', 'detail']).where('action', '=', 'invitation.cancelled').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: server.people.coord.id, project_id: server.projectA });
    expect(entries[0]?.detail).toContain(listed.id);
  });

  it('refuses an unknown id, another project\'s invitation, an accepted one and a malformed id, changing nothing', async () => {
    await invite(server.projectB, 'b-person');
    const [ofB] = (await server.request(await addPerson(server, 'coord-of-b', { project: server.projectB, role: 'coordinator' }), 'GET', `/api/projects/${server.projectB}/invitations`)).json<{ invitations: Pending[] }>().invitations;
    if (ofB === undefined) throw new Error('project B has no pending invitation');
    const accepted = await invite(server.projectA, 'timur');
    const acceptedId = (await pending()).find((i) => i.username === 'timur')?.id ?? '';
    expect((await anonymous('/api/invitations/accept-new', { code: accepted.code, password: 'a long enough passphrase' })).statusCode).toBe(201);
    const before = await snapshotTables(server.database);
    const expectError = async (response: Promise<{ statusCode: number; json: () => unknown }>, status: number, code: string) => {
      const answer = await response;
      expect([answer.statusCode, answer.json()]).toMatchObject([status, { error: { code, message: expect.any(String) as unknown } }]);
    };
    await expectError(cancel(server.projectA, uuidv7()), 404, 'not_found');
    // B's invitation addressed under A, where this coordinator may act: not found, B is untouched.
    await expectError(cancel(server.projectA, ofB.id), 404, 'not_found');
    // Under B itself: this coordinator is no coordinator of B.
    await expectError(cancel(server.projectB, ofB.id), 403, 'forbidden');
    await expectError(cancel(server.projectA, acceptedId), 409, 'invitation_accepted');
    await expectError(cancel(server.projectA, 'not-an-id'), 400, 'invalid_input');
    await expectError(server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/invitations/${acceptedId}/cancel`, { reason: 'x' }), 400, 'invalid_input');
    await expectError(server.request(server.people.coord, 'GET', `/api/projects/${server.projectB}/invitations`), 403, 'forbidden');
    expect(await snapshotTables(server.database)).toEqual(before);
  });
});
