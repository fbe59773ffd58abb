import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** Issue 10, quick wipe: the wipe asks the server to make the browser drop its caches and storage for the site. */
describe.each(testEngines())('the quick wipe clears the site data, on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the app with Clear-Site-Data for the cache and every storage, never cached', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/clear-site-data', headers: { origin: 'http://localhost', host: 'localhost', 'sec-fetch-site': 'same-origin' }, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.headers['clear-site-data']).toBe('"cache", "storage"');
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('is refused to a page on another site, which would otherwise wipe a victim’s browser', async () => {
    for (const headers of [
      { origin: 'https://evil.example', host: 'localhost', 'content-type': 'application/json' },
      { host: 'localhost', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    ]) {
      const response = await server.app.inject({ method: 'POST', url: '/api/clear-site-data', headers, payload: '{}' });
      expect(response.statusCode).toBe(403);
      expect(response.headers['clear-site-data']).toBeUndefined();
    }
  });
});
