import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, freshCookie } from '../helpers/people.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Issue 12, security item 3: no API answer may be kept by the browser's HTTP cache (it would outlive a
 * wipe, readable in the profile folder) or a proxy's. Every route of the route list, as a stranger and as
 * a coordinator, successes and errors alike, answers Cache-Control: no-store.
 */
interface Route {
  readonly method: HTTPMethods;
  readonly url: string;
}

const UUID = '0190a000-0000-7000-8000-000000000000';

describe.each(testEngines())('no API answer is cached, on %s', (engine) => {
  let server: TestServer;
  const routes: Route[] = [];
  beforeAll(async () => {
    server = await startTestServer(engine, {
      onRoute: (route) => {
        for (const method of [route.method].flat()) if (route.url.startsWith('/api/') && method !== 'HEAD') routes.push({ method, url: route.url });
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every route with no-store, signed in or not', async () => {
    expect(routes.length).toBeGreaterThan(30);
    // A coordinator of its own, with a new session each time: the sign-out routes end them.
    const caller = await addPerson(server, 'caller', { project: server.projectA, role: 'coordinator' });
    for (const route of routes) {
      for (const cookie of [undefined, await freshCookie(server, caller)]) {
        const response = await server.app.inject({
          method: route.method,
          url: route.url.replace(/:[A-Za-z]+/g, UUID),
          headers: { 'content-type': 'application/json', ...(cookie === undefined ? {} : { cookie }) },
          ...(route.method === 'GET' ? {} : { payload: '{}' }),
        });
        expect(response.headers['cache-control'], `${route.method} ${route.url} (${response.statusCode})`).toBe('no-store');
      }
    }
  });

  it('answers the pull, a case list, the people and the answer carrying an invitation code with no-store', async () => {
    const { coord, obs1 } = server.people;
    const created = await server.request(coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'newcomer', role: 'observer' });
    expect(created.statusCode).toBe(201);
    // Adding a person answers with a one-time invitation code (no password since invitations).
    expect(created.json()).toHaveProperty('code');
    const answers = [
      created,
      await server.request(obs1, 'GET', '/api/sync/pull?cursor=0'),
      await server.request(coord, 'GET', '/api/cases'),
      await server.request(coord, 'GET', `/api/projects/${server.projectA}/people`),
      await server.request(coord, 'GET', '/api/me'),
      await server.app.inject({ method: 'GET', url: '/api/nothing-here' }),
      await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'application/json' }, payload: '{"protocol": ' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 200, 200, 200, 200, 404, 400]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});
