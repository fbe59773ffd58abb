import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, freshCookie, withToken } from '../helpers/people.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Issue 12, security item 2: every state-changing API route (found from the route list, so routes added
 * later are covered) refuses a cookie-borne request from another origin and a body of a type that a form
 * or a `no-cors` fetch can send, and changes nothing; the same request from the server's own page works.
 */
interface Route {
  readonly method: HTTPMethods;
  readonly url: string;
}

const OWN_ORIGIN = 'http://localhost';
const UUID = '0190a000-0000-7000-8000-000000000000';

describe.each(testEngines())('cross-site requests on %s', (engine) => {
  let server: TestServer;
  const routes: Route[] = [];
  beforeAll(async () => {
    server = await startTestServer(engine, {
      onRoute: (route) => {
        for (const method of [route.method].flat()) if (route.url.startsWith('/api/') && ['POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) routes.push({ method, url: route.url });
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const send = (route: Route, headers: Record<string, string>, payload?: string, cookie = server.people.coord.cookie): Promise<LightMyRequestResponse> =>
    server.app.inject({
      method: route.method,
      url: route.url.replace(/:[A-Za-z]+/g, UUID),
      headers: { cookie, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

  const expectError = (response: LightMyRequestResponse, status: number, code: string, what: string): void => {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(status);
    expect(response.json(), what).toMatchObject({ error: { code, message: expect.any(String) as unknown } });
  };

  it('found the state-changing routes', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/devices/:deviceId/wipe', 'POST /api/devices/:deviceId/revoke', 'POST /api/sync/push', 'POST /api/auth/sign-in', 'PUT /api/attachments/:projectId/:hash/chunks/:offset', 'POST /api/invitations/accept', 'POST /api/invitations/accept-new', 'POST /api/projects/:projectId/invitations/:invitationId/cancel']),
    );
  });

  it('refuses every one from another origin (403), or of a type a form can send (415), and stores nothing', async () => {
    const before = await snapshotTables(server.database);
    for (const route of routes) {
      const what = `${route.method} ${route.url}`;
      const json = { 'content-type': 'application/json' };
      expectError(await send(route, { ...json, origin: 'http://evil.localhost' }, '{}'), 403, 'cross_site_request', `${what} foreign Origin`);
      expectError(await send(route, { ...json, origin: 'http://localhost:8081' }, '{}'), 403, 'cross_site_request', `${what} another port`);
      expectError(await send(route, { ...json, origin: 'null' }, '{}'), 403, 'cross_site_request', `${what} Origin null`);
      expectError(await send(route, { ...json, 'sec-fetch-site': 'same-site' }, '{}'), 403, 'cross_site_request', `${what} Sec-Fetch-Site same-site`);
      for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        expectError(await send(route, { origin: OWN_ORIGIN, 'content-type': type }, '{"x":"y"}'), 415, 'unsupported_media_type', `${what} ${type}`);
      }
      // A no-cors fetch without a body sends no type at all.
      expectError(await send(route, { origin: OWN_ORIGIN }), 415, 'unsupported_media_type', `${what} no body`);
      expect((await send(route, { ...json, origin: 'http://evil.localhost' }, '{}')).headers['cache-control'], what).toBe('no-store');
    }
    expect(await snapshotTables(server.database)).toEqual(before);
  });

  it('lets every one through from its own page as JSON (it then answers for itself)', async () => {
    // A coordinator of its own: the sign-out routes end this one's sessions.
    const passer = await addPerson(server, 'passer', { project: server.projectA, role: 'coordinator' });
    for (const route of routes) {
      for (const headers of [{ origin: OWN_ORIGIN }, { 'sec-fetch-site': 'same-origin' }, { origin: OWN_ORIGIN, 'sec-fetch-site': 'same-origin' }, {}]) {
        const response = await send(route, { ...headers, 'content-type': 'application/json' }, '{}', await freshCookie(server, passer));
        expect(['cross_site_request', 'unsupported_media_type'], `${route.method} ${route.url} ${JSON.stringify(headers)}: ${response.body}`).not.toContain(
          response.statusCode >= 400 ? response.json<{ error: { code: string } }>().error.code : 'ok',
        );
      }
    }
  });

  it('revokes and wipes from its own page, and takes raw chunk bytes from its own page', async () => {
    const { coord, obs1 } = server.people;
    const first = await enrolDevice(server, coord, obs1, server.projectA);
    const second = await enrolDevice(server, coord, obs1, server.projectA);
    const own = { cookie: coord.cookie, origin: OWN_ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
    expect((await server.app.inject({ method: 'POST', url: `/api/devices/${first.deviceId}/revoke`, headers: own, payload: '{}' })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'POST', url: `/api/devices/${second.deviceId}/wipe`, headers: own, payload: '{}' })).statusCode).toBe(201);
    const chunk = await server.app.inject({
      method: 'PUT',
      url: `/api/attachments/${server.projectA}/${'a'.repeat(64)}/chunks/0`,
      headers: { cookie: obs1.cookie, origin: OWN_ORIGIN, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('bytes'),
    });
    // No upload was started: the route itself answers, not the cross-site check.
    expectError(chunk, 404, 'upload_not_started', 'chunk');
  });

  it('does not apply to a device token, which no other page can send', async () => {
    const device = await enrolDevice(server, server.people.coord, server.people.obs2, server.projectA);
    const pulled = await withToken(server, device.token, 'GET', '/api/sync/pull?cursor=0');
    expect(pulled.statusCode).toBe(200);
    const ack = await server.app.inject({
      method: 'POST',
      url: `/api/devices/commands/${UUID}/ack`,
      headers: { authorization: `Bearer ${device.token}`, origin: 'http://evil.localhost' },
      payload: { deviceId: device.deviceId },
    });
    expectError(ack, 404, 'not_found', 'ack by token');
  });

  it('with SECURE_COOKIES, takes changes only from the https: page of its own host', async () => {
    const secure = await buildApp({ database: server.database, secureCookies: true });
    try {
      const revoke = (origin: string) =>
        secure.inject({
          method: 'POST',
          url: `/api/devices/${UUID}/revoke`,
          headers: { cookie: server.people.coord.cookie, host: 'monitor.example.org', origin, 'content-type': 'application/json' },
          payload: '{}',
        });
      expectError(await revoke('http://monitor.example.org'), 403, 'cross_site_request', 'plain http page');
      expectError(await revoke('https://blog.example.org'), 403, 'cross_site_request', 'sibling subdomain');
      // Past the check, the route answers for itself: there is no such device.
      expectError(await revoke('https://monitor.example.org'), 404, 'not_found', 'own https page');
    } finally {
      await secure.close();
    }
  });

  it('refuses a sign-in from another origin (no signing a victim into an attacker account)', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'http://evil.localhost', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'coord', password: server.people.coord.password }),
      remoteAddress: '10.3.0.1',
    });
    expectError(response, 403, 'cross_site_request', 'sign-in');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
