import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/auth/sessions.ts';
import { testEngines } from '../helpers/databases.ts';
import { enrolDevice, withToken } from '../helpers/people.ts';
import { startTestServer, TEST_PASSWORD, type Person, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('a person changes their own password on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const signIn = async (username: string, password: string): Promise<Person | undefined> => {
    const answer = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress: '198.51.100.9' });
    const token = answer.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    return token === undefined ? undefined : { id: '', username, password, cookie: `${SESSION_COOKIE}=${token}` };
  };
  // Each test from its own address: the route allows 10 attempts a minute per client, as sign-in does.
  let address = 0;
  beforeEach(() => {
    address += 1;
  });
  const change = (who: Person | undefined, body: unknown) =>
    server.app.inject({ method: 'POST', url: '/api/auth/password', headers: { 'content-type': 'application/json', ...(who === undefined ? {} : { cookie: who.cookie }) }, payload: JSON.stringify(body), remoteAddress: `203.0.113.${address}` });
  const hashOf = async (userId: string) => (await server.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
  const auditActions = async (userId: string) => (await server.database.db.selectFrom('audit_log').select('action').where('target', '=', userId).where('action', 'like', 'auth.password%').orderBy('at').execute()).map((r) => r.action);

  it('refuses a wrong current password, a short or unchanged new one, and malformed bodies, changing nothing', async () => {
    const { coord } = server.people;
    const before = await hashOf(coord.id);
    const wrong = await change(coord, { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'wrong_password', message: 'The current password is wrong. Nothing was changed.' } });
    const short = await change(coord, { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('at least 12 characters') as unknown } });
    const same = await change(coord, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ error: { code: 'same_password' } });
    for (const body of [{}, { currentPassword: TEST_PASSWORD }, { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase', extra: 1 }, { currentPassword: 1, newPassword: 2 }, 'text', null]) {
      const answer = await change(coord, body);
      expect(answer.statusCode).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('invalid_input');
    }
    expect(await hashOf(coord.id)).toBe(before);
    expect((await server.request(coord, 'GET', '/api/me')).statusCode).toBe(200);
    expect(await auditActions(coord.id)).toEqual(['auth.password_change_failed']);
  });

  it('needs a password session: anonymous callers and enrolled devices are refused', async () => {
    const { coord, obs2 } = server.people;
    expect((await change(undefined, { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })).statusCode).toBe(401);
    const { token } = await enrolDevice(server, coord, obs2, server.projectA);
    const byDevice = await withToken(server, token, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(byDevice.statusCode).toBe(403);
    expect(byDevice.json()).toMatchObject({ error: { code: 'session_required' } });
  });

  it('changes it: the new password signs in, the old one no longer does, other sessions end and this one stays', async () => {
    const { coord } = server.people;
    const elsewhere = await signIn(coord.username, TEST_PASSWORD);
    expect(elsewhere).toBeDefined();
    const changed = await change(coord, { currentPassword: TEST_PASSWORD, newPassword: 'ночной поезд в Бишкек 7' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ sessionsEnded: number }>().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await server.request(coord, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await server.request(elsewhere, 'GET', '/api/me')).statusCode).toBe(401);
    expect(await signIn(coord.username, TEST_PASSWORD)).toBeUndefined();
    expect(await signIn(coord.username, 'ночной поезд в Бишкек 7')).toBeDefined();
    expect(await auditActions(coord.id)).toEqual(['auth.password_change_failed', 'auth.password_changed']);
    const entry = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'auth.password_changed').executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(coord.id);
    expect(entry.detail).not.toContain('Бишкек');
  });
});
