import { connect as connectSocket } from 'node:net';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

/** Strings no person types and no engine stores as written: NUL (PostgreSQL refuses it) and lone UTF-16 surrogates. */
const UNSTORABLE = ['a\u0000b', '\u0000', 'x\uD800', '\uDC00y', 'ok\uDBFF\uDBFF'] as const;
const UNSTORABLE_MESSAGE = 'must not contain a NUL character or a broken Unicode character (a lone surrogate)';

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

  /** Refused: a 400 naming the field, or (for one mutation of a push) settled as refused; either way nothing stored. */
  const expectRefused = (response: LightMyRequestResponse, what: string): void => {
    if (response.statusCode === 200 && response.json<{ results?: { status: string }[] }>().results !== undefined) {
      expect(response.json<{ results: { status: string }[] }>().results.map((r) => r.status), what).toEqual(['refused']);
      return;
    }
    expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    expect(response.json(), what).toMatchObject({ error: { code: 'invalid_input' } });
  };

  it('refuses NUL and lone surrogates in every text a push carries, on this engine', async () => {
    const caseId = uuidv7();
    const reportId = uuidv7();
    const pushOne = (mutation: unknown) => post('/api/sync/push', JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [mutation] }));
    for (const bad of UNSTORABLE) {
      const mutations = {
        'case code': caseMutation(1, server.projectA, caseId, bad),
        court: { ...caseMutation(1, server.projectA, caseId), payload: { projectId: server.projectA, code: 'C-1', court: bad } },
        'text answer': reportMutation(1, server.projectA, caseId, reportId, hearingAnswers({ summary_text: bad })),
        'list answer': reportMutation(1, server.projectA, caseId, reportId, hearingAnswers({ tags: ['fine', bad] })),
        'amendment reason': { ...reportMutation(1, server.projectA, caseId, reportId), payload: { ...reportMutation(1, server.projectA, caseId, reportId).payload, reason: bad } },
        comment: { seq: 1, entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId, body: bad } },
        pin: { seq: 1, entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId, body: 'A question', pin: `repeat.${bad}.item` } },
      };
      for (const [what, mutation] of Object.entries(mutations)) {
        const response = await pushOne(mutation);
        expectRefused(response, `${what} ${JSON.stringify(bad)}`);
        // Inside a list the union of answer shapes reports the type only; everywhere else the message says why.
        if (response.statusCode === 400 && what !== 'list answer') expect(response.body, what).toContain(UNSTORABLE_MESSAGE);
      }
    }
  });

  it('refuses NUL and lone surrogates in sign-in, enrolment, people, cases, reviews and attachments', async () => {
    const { coord } = server.people;
    const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = coord.cookie, remoteAddress = '10.4.0.1') =>
      server.app.inject({ method, url, headers: { cookie, 'content-type': 'application/json' }, remoteAddress, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
    const reportId = uuidv7();
    const caseId = uuidv7();
    for (const [i, bad] of UNSTORABLE.entries()) {
      const calls: [string, Promise<LightMyRequestResponse>][] = [
        ['sign-in username', send('POST', '/api/auth/sign-in', { username: `obs1${bad}`, password: 'whatever' }, '', `10.4.1.${i}`)],
        ['enrolment code', send('POST', '/api/enrol', { code: bad }, '', `10.4.2.${i}`)],
        ['new person', send('POST', `/api/projects/${server.projectA}/people`, { username: `new${bad}`, role: 'observer' })],
        ['display name', send('POST', `/api/projects/${server.projectA}/people`, { username: 'newperson', displayName: bad, role: 'observer' })],
        // A query string carries NUL as %00; a lone surrogate has no percent-encoding (it is not UTF-8).
        ['case search', send('GET', `/api/cases?q=find%00${i}`)],
        ['court filter', send('GET', `/api/cases?court=court%00${i}`)],
        ['decision note', send('POST', `/api/cases/${caseId}/decisions`, { reportId, path: 'summary_text', decision: 'confirmed', note: bad })],
        ['decision path', send('POST', `/api/cases/${caseId}/decisions`, { reportId, path: bad, decision: 'confirmed' })],
        ['assessment', send('PUT', `/api/cases/${caseId}/assessments/fair-hearing`, { text: bad })],
        ['assessment grade', send('PUT', `/api/cases/${caseId}/assessments/fair-hearing`, { text: 'fine', grade: bad })],
        ['review comment', send('POST', `/api/reports/${reportId}/review`, { status: 'needs_clarification', comment: bad, commentId: uuidv7() })],
        ['comment', send('POST', `/api/reports/${reportId}/comments`, { id: uuidv7(), body: bad })],
        ['file name', send('POST', '/api/attachments', { projectId: server.projectA, hash: 'a'.repeat(64), kind: 'document', mime: 'application/pdf', size: 10, name: `report${bad}.pdf` }, server.people.obs1.cookie)],
      ];
      for (const [what, call] of calls) {
        const response = await call;
        expect(response.statusCode, `${what} ${JSON.stringify(bad)}: ${response.body}`).toBe(400);
        expect(response.json(), what).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining(UNSTORABLE_MESSAGE) as unknown } });
      }
    }
  });

  // (A date answer inside the answers was already checked against the calendar by the form engine.)
  it('refuses dates that are not days of the calendar', async () => {
    const caseId = uuidv7();
    for (const date of ['2026-02-30', '2026-02-29', '2025-04-31', '2026-13-01', '2026-00-10']) {
      const report = reportMutation(1, server.projectA, caseId);
      const response = await post('/api/sync/push', JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [{ ...report, payload: { ...report.payload, hearingDate: date } }] }));
      expectRefused(response, `hearingDate ${date}`);
      expectJsonError(await server.request(server.people.coord, 'GET', `/api/cases?from=${date}`), 400, 'invalid_input');
      expectJsonError(await server.request(server.people.coord, 'GET', `/api/cases?to=${date}`), 400, 'invalid_input');
    }
    expect((await server.request(server.people.coord, 'GET', '/api/cases?from=2028-02-29')).statusCode).toBe(200);
  });

  it('answers oversized headers with the API error shape, not Node\'s own', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connectSocket(port, '127.0.0.1', () => {
        socket.write(`GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tm_session=${'x'.repeat(32 * 1024)}\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
      setTimeout(() => reject(new Error(`no answer: ${received}`)), 10_000).unref();
    });
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(head.toLowerCase()).toContain('cache-control: no-store');
    expect(JSON.parse(body)).toEqual({ error: { code: 'headers_too_large', params: {}, message: expect.any(String) as unknown } });
  });

  it('left every table as it was', async () => {
    const after = await tableCounts(server.database);
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
    expect(after).toEqual(before);
    expect((await server.request(server.people.obs1, 'GET', '/api/me')).statusCode).toBe(200);
  });
});
