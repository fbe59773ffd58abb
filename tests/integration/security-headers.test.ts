import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Helmet's headers on every answer: an API success, a refusal raised in an earlier hook, and an unknown
 * address (the policy is built once in security-headers.ts, not per request by a plugin).
 */
describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the same policy and headers on successes and errors alike', async () => {
    const answers = [
      await server.app.inject({ method: 'GET', url: '/api/health' }),
      await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, payload: '{}' }),
      await server.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 403, 404]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;connect-src 'self';worker-src 'self';manifest-src 'self';font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
      );
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });
});
