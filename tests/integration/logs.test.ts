import { Writable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/test-server.ts';

/**
 * SECURITY.md: "Never log answers, names or tokens." The server's pino stream is captured at the most
 * verbose level while people sign in (rightly and wrongly), push a case, a report and a comment with
 * distinctive words, pull, and send bearer tokens; none of those words appears in the log.
 */
describe.each(testEngines())('what the server logs on %s', (engine) => {
  let server: TestServer;
  let log = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  beforeAll(async () => {
    server = await startTestServer(engine, { logger: { level: 'trace', stream } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('never contains answers, names, passwords or tokens', async () => {
    const secrets = {
      answer: 'Defendant Zamirbek Oskonbaev showed bruises on both wrists',
      comment: 'Witness Gulnara Tashieva asked not to be named',
      caseCode: 'CASE-Ykmzq-7741',
      court: 'Pervomaisky District Court Qwrtz',
      wrongUser: 'nonexistent-xylophone-user',
      wrongPassword: 'Vj8-wrong-password-Hq2',
      bearer: 'bearer-token-Rt5Kq9Zx2Lm8',
      displayName: 'Person obs1',
    };
    const { obs1, coord } = server.people;

    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: obs1.username, password: TEST_PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === 'tm_session');
    expect(cookie).toBeDefined();
    const token = cookie?.value ?? '';
    const failed = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: secrets.wrongUser, password: secrets.wrongPassword } });
    expect(failed.statusCode).toBe(401);

    const headers = { cookie: `tm_session=${token}` };
    // A device token the server does not know: refused, and not logged either.
    const unknownDevice = await server.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${secrets.bearer}` } });
    expect(unknownDevice.statusCode).toBe(401);
    const caseId = uuidv7();
    const reportId = uuidv7();
    const push = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers,
      payload: {
        protocol: 1,
        deviceId: uuidv7(),
        mutations: [
          { ...caseMutation(1, server.projectA, caseId, secrets.caseCode), payload: { projectId: server.projectA, code: secrets.caseCode, court: secrets.court } },
          reportMutation(2, server.projectA, caseId, reportId, hearingAnswers({ summary_text: secrets.answer })),
          { seq: 3, entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId, body: secrets.comment } },
        ],
      },
    });
    expect(push.statusCode).toBe(200);
    expect(push.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // A refused push and a bad one: error paths log too.
    const bad = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: { protocol: 1, deviceId: 'x', mutations: [{ answers: secrets.answer }] } });
    expect(bad.statusCode).toBe(400);
    const pulled = await server.request(coord, 'GET', '/api/sync/pull?cursor=0');
    expect(pulled.body).toContain(secrets.answer);
    expect((await server.request(coord, 'GET', `/api/reports/${reportId}`)).statusCode).toBe(200);

    // The log saw all of this: it is not empty, and it names requests and outcomes.
    expect(log).toContain('push applied');
    expect(log).toContain('signed in');
    for (const [what, secret] of Object.entries({ ...secrets, password: TEST_PASSWORD, sessionToken: token, coordinatorCookie: coord.cookie.split('=')[1] ?? coord.cookie })) {
      expect(log.includes(secret), `the log contains the ${what}`).toBe(false);
    }
  });
});
