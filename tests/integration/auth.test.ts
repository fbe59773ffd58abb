import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('sign-in on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const signIn = (username: string, password: string) => server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });

  it('signs in with the right password, sets an HttpOnly SameSite=Strict cookie, and the session works', async () => {
    const response = await signIn('OBS1 ', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/tm_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(me.json()).toMatchObject({ user: { username: 'obs1', isAdmin: false }, projects: [{ name: 'Project A', role: 'observer' }] });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await signIn('obs1', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('stores only a hash of the session token, and sign-out revokes it', async () => {
    const response = await signIn('obs2', TEST_PASSWORD);
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? '';
    const token = cookie.split('=')[1] ?? '';
    const stored = await server.database.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
    await server.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie }, payload: {} });
    expect((await server.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('limits sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await signIn('coord', 'guess')).statusCode);
    expect(statuses).toContain(429);
  });
});
