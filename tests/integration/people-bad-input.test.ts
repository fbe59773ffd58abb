import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, freshCookie } from '../helpers/people.ts';
import { startTestServer, tableCounts, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Random bodies and addresses on the people, devices, enrolment and audit endpoints, sent by an
 * administrator (who passes every permission check, so only validation stands in the way): always a
 * 4xx with a JSON error and a stable code, and no stored row changes. Failed enrolments are written to
 * the audit log on purpose, so that table is left out of the comparison.
 */
describe.each(testEngines())('bad input to people and devices on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await addPerson(server, 'root', { admin: true });
  });
  afterAll(async () => {
    await server.close();
  });

  const junk = fc.oneof(fc.jsonValue(), fc.record({ username: fc.jsonValue(), role: fc.jsonValue(), userId: fc.jsonValue(), code: fc.jsonValue(), name: fc.jsonValue(), assigned: fc.jsonValue() }));
  const segment = fc.oneof(fc.constant('not-a-uuid'), fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.uuid());
  const endpoints = [
    (id: string) => `/api/projects/${id}/people`,
    (id: string) => `/api/projects/${id}/enrolment-codes`,
    (id: string) => `/api/projects/${id}/cases/${id}/observers`,
    (id: string) => `/api/devices/${id}/revoke`,
    (id: string) => `/api/devices/${id}/wipe`,
    (id: string) => `/api/devices/commands/${id}/ack`,
    (id: string) => `/api/users/${id}/disable`,
    () => '/api/projects',
    () => '/api/enrol',
  ];

  it('answers every malformed request with a JSON 4xx and stores nothing', async () => {
    const cookie = await freshCookie(server, admin);
    const before = await tableCounts(server.database);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), segment, junk, fc.nat(65_535), async (endpoint, id, body, address) => {
        const url = endpoint(id);
        // A valid project name or username would be a valid request: that is not what this test is about.
        fc.pre(!(url === '/api/projects' && typeof (body as { name?: unknown } | null)?.name === 'string'));
        const response = await server.app.inject({
          method: 'POST',
          url,
          headers: { cookie },
          payload: JSON.stringify(body),
          remoteAddress: `10.9.${address >> 8}.${address & 255}`,
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json<{ error: { code: string; message: string } }>().error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 150 },
    );
    expect(await tableCounts(server.database)).toEqual(before);
    expect((await server.request(admin, 'GET', '/api/audit?limit=1')).statusCode).toBe(200);
  });

  it('refuses bad audit queries', async () => {
    for (const query of ['?limit=0', '?limit=501', '?before=yesterday', '?project=all', '?other=1']) {
      const response = await server.request(admin, 'GET', `/api/audit${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalid_input' } });
    }
  });
});
