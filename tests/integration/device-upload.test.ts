import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/app/base/api/call.ts';
import type { Connection } from '../../src/app/base/api/client.ts';
import { contract } from '../../src/core/api/contract.ts';
import { testEngines } from '../helpers/databases.ts';
import { enrolDevice } from '../helpers/people.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * The app's own upload calls (src/app/base/api/call.ts), against the real server over HTTP,
 * from an enrolled phone: it has a device token and no session cookie, so every call, the raw-bytes chunk
 * included, must carry the token.
 */
describe.each(testEngines())('an enrolled phone sends a file, on %s', (engine) => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts, sends the chunk and completes with its token alone', async () => {
    const device = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    // The browser's fetch, against the listening server, with the phone's token and no cookie.
    const phone: Connection = { fetch: (path, init) => fetch(`${base}${path}`, init), token: device.token };
    const bytes = Buffer.from('%PDF-1.4 a small court document');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const started = await call(contract.startUpload, { body: { projectId: server.projectA, hash, kind: 'document', mime: 'application/pdf', size: bytes.length } }, phone);
    expect(started).toMatchObject({ state: 'uploading', received: 0 });
    const file = { projectId: server.projectA, hash };
    expect(await call(contract.putChunk, { params: { ...file, offset: '0' }, body: new Blob([bytes]) }, phone)).toMatchObject({ received: bytes.length });
    expect(await call(contract.completeUpload, { params: file }, phone)).toMatchObject({ state: 'complete' });
  });
});
