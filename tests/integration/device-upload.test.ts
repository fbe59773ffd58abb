import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setDeviceToken } from '../../src/app/api/client.ts';
import { sendChunk } from '../../src/app/attachments/send-chunk.ts';
import type { UploadStatus } from '../../src/core/sync/attachments.ts';
import { testEngines } from '../helpers/databases.ts';
import { enrolDevice } from '../helpers/people.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * The app's own upload calls (src/app/api/client.ts and send-chunk.ts), against the real server over HTTP,
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
    setDeviceToken(undefined);
    await server.close();
  });

  it('starts, sends the chunk and completes with its token alone', async () => {
    const device = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    setDeviceToken(device.token);
    const bytes = Buffer.from('%PDF-1.4 a small court document');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const started = await api<UploadStatus>(`${base}/api/attachments`, { method: 'POST', body: { projectId: server.projectA, hash, kind: 'document', mime: 'application/pdf', size: bytes.length } });
    expect(started).toMatchObject({ state: 'uploading', received: 0 });
    const file = `${base}/api/attachments/${server.projectA}/${hash}`;
    expect(await sendChunk(`${file}/chunks/0`, new Blob([bytes]))).toMatchObject({ received: bytes.length });
    expect(await api<UploadStatus>(`${file}/complete`, { method: 'POST' })).toMatchObject({ state: 'complete' });
  });
});
