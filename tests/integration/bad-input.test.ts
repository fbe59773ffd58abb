import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, reportMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('bad input on %s', (engine) => {
  let server: TestServer;
  let before: Record<string, number>;
  beforeAll(async () => {
    server = await startTestServer(engine);
    before = await tableCounts(server.database);
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (url: string, payload: string, contentType = 'application/json') =>
    server.app.inject({ method: 'POST', url, payload, headers: { cookie: server.people.obs1.cookie, 'content-type': contentType } });

  const expectJsonError = (response: { statusCode: number; json: () => unknown }, status: number, code: string): void => {
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) as unknown } });
  };

  it('answers malformed JSON with 400 bad_json', async () => {
    expectJsonError(await post('/api/sync/push', '{"protocol": 1, "deviceId": '), 400, 'bad_json');
  });

  it('answers a body over the limit with 413 body_too_large', async () => {
    const big = JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [], pad: 'x'.repeat(BODY_LIMIT) });
    expectJsonError(await post('/api/sync/push', big), 413, 'body_too_large');
  });

  it('answers a wrong content type with 415', async () => {
    expectJsonError(await post('/api/sync/push', 'protocol=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  });

  it('names the fault in a push with wrong types, and stores nothing', async () => {
    const caseId = uuidv7();
    const bad = { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId), { ...reportMutation(2, server.projectA, caseId), seq: 'two' }] };
    const response = await post('/api/sync/push', JSON.stringify(bad));
    expectJsonError(response, 400, 'invalid_input');
    expect(response.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toContain('mutations.1.seq');
  });

  it('refuses a push from a client speaking another protocol version, saying to update', async () => {
    const response = await post('/api/sync/push', JSON.stringify({ protocol: 0, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA)] }));
    expectJsonError(response, 400, 'invalid_input');
    expect(response.json<{ error: { message: string } }>().error.message).toContain('too old');
  });

  it('refuses a bad cursor and a bad report id', async () => {
    expectJsonError(await server.request(server.people.obs1, 'GET', '/api/sync/pull?cursor=-1'), 400, 'invalid_input');
    expectJsonError(await server.request(server.people.obs1, 'GET', '/api/sync/pull?cursor=1&extra=2'), 400, 'invalid_input');
    expectJsonError(await server.request(server.people.coord, 'GET', '/api/reports/not-a-uuid'), 400, 'invalid_input');
  });

  it('asks for sign-in on every API route without a session, and 404s unknown API paths as JSON', async () => {
    for (const [method, url] of [['GET', '/api/me'], ['GET', '/api/sync/pull'], ['POST', '/api/sync/push'], ['GET', '/api/reports']] as const) {
      expectJsonError(await server.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) }), 401, 'not_signed_in');
    }
    expectJsonError(await server.app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'not_found');
  });

  it('answers any JSON value sent as a push with a 4xx JSON error (fuzzed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await post('/api/sync/push', JSON.stringify(value));
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json<{ error: { code: string } }>().error.code).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });

  it('answers pushes with fuzzed mutation fields with a 4xx or a refusal, never a 5xx', async () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object());
    await fc.assert(
      fc.asyncProperty(fc.record({ seq: field, entity: fc.oneof(fc.constantFrom('case', 'report'), fc.string()), id: field, baseVersion: field, payload: field }), async (mutation) => {
        const response = await post('/api/sync/push', JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [mutation] }));
        expect(response.statusCode).toBe(400);
      }),
      { numRuns: 150 },
    );
  });

  it('left every table as it was', async () => {
    expect(await tableCounts(server.database)).toEqual(before);
    expect((await server.request(server.people.obs1, 'GET', '/api/me')).statusCode).toBe(200);
  });
});
