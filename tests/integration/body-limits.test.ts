import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/server/app.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** Small routes refuse large bodies long before the server-wide limit; the push keeps its 1 MiB. */
describe('body limits per route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a 20 KiB sign-in and a 100 KiB comment with 413 naming the limit, and stores nothing', async () => {
    const before = await snapshotTables(server.database);
    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'obs1', password: 'x'.repeat(20 * 1024) } });
    expect(signIn.statusCode).toBe(413);
    expect(signIn.json()).toEqual({ error: { code: 'body_too_large', params: { kib: 16 }, message: 'The request is larger than 16 KiB. Send fewer items at once.' } });
    const comment = await server.request(server.people.coord, 'POST', '/api/reports/01a23265-17c4-7e79-96f6-25328fe85143/comments', { body: 'x'.repeat(100 * 1024) });
    expect(comment.statusCode).toBe(413);
    expect(comment.json<{ error: { message: string } }>().error.message).toContain('64 KiB');
    // A push of 200 KiB is still read (and judged on its content).
    const push = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: 'not-a-uuid', mutations: [], padding: 'x'.repeat(200 * 1024) });
    expect(push.statusCode).toBe(400);
    expect(BODY_LIMIT).toBe(1024 * 1024);
    expect(await snapshotTables(server.database)).toEqual(before);
  });
});
