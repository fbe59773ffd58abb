import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { browserConnection, type Connection } from '../../src/app/base/api/client.ts';
import { attachmentsOf, storeFile } from '../../src/app/attachments/blob-store.ts';
import { DeviceDatabase } from '../../src/app/db/database.ts';
import type { LocalReport } from '../../src/app/db/records.ts';
import type { SyncProgress } from '../../src/app/sync/sync-once.ts';
import { uploadAttachments } from '../../src/app/sync/upload-attachments.ts';
import { CHUNK_SIZE } from '../../src/core/sync/attachments.ts';
import { testEngines } from '../helpers/databases.ts';
import { enrolDevice } from '../helpers/people.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { testDataKey } from '../helpers/data-key.ts';

/**
 * The device's uploader against the real server: the app's own code (Dexie on fake-indexeddb, fetch)
 * talking to the server over a socket, as the observer's session would.
 */
describe.each(testEngines())('the device sends attachments to a server on %s', (engine) => {
  let server: TestServer;
  let db: DeviceDatabase;
  /** The offset of every chunk the device sent, in order. */
  const offsets: number[] = [];
  const realFetch = globalThis.fetch;
  let base = '';
  beforeAll(async () => {
    server = await startTestServer(engine);
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    // The app calls /api/... on its own origin with its session cookie; here the origin is the test server.
    globalThis.fetch = (input, init) => {
      const offset = /\/chunks\/(\d+)$/.exec(input as string)?.[1];
      if (offset !== undefined) offsets.push(Number(offset));
      return realFetch(`${base}${input as string}`, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), cookie: server.people.obs1.cookie } });
    };
    db = new DeviceDatabase(`upload-${engine}`, await testDataKey());
    await db.open();
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await db.delete();
    await server.close();
  });

  const finalReport = (refs: readonly string[]): LocalReport => ({
    id: '01900000-0000-7000-8000-0000000000a1',
    projectId: server.projectA,
    caseId: '01900000-0000-7000-8000-0000000000c1',
    formId: 'hearing',
    formVersion: 1,
    status: 'final',
    answers: { observer_files: refs.map((hash) => `sha256:${hash}`) },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    serverVersion: 1,
    sync: 'sent',
  });

  it('continues from the offset the server already has, counts progress, and drops the bytes once verified', async () => {
    const bytes = randomBytes(CHUNK_SIZE * 3 + 99);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const file = await storeFile(db, server.projectA, { blob: new Blob([bytes], { type: 'application/pdf' }), kind: 'document', name: 'ruling.pdf' });
    expect(file.hash).toBe(hash);
    await db.reports.put(finalReport([hash]));

    // An earlier sync was cut off after the first chunk.
    const { obs1 } = server.people;
    await server.request(obs1, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'document', mime: 'application/pdf', size: bytes.length });
    await server.app.inject({ method: 'PUT', url: `/api/attachments/${server.projectA}/${hash}/chunks/0`, payload: bytes.subarray(0, CHUNK_SIZE), headers: { cookie: obs1.cookie, 'content-type': 'application/octet-stream' } });

    const progress: SyncProgress[] = [];
    await uploadAttachments(db, (p) => progress.push(p), browserConnection);
    expect(offsets).toEqual([CHUNK_SIZE, CHUNK_SIZE * 2, CHUNK_SIZE * 3]);
    expect(progress.at(-1)).toEqual({ sent: 5, total: 5 });
    expect(progress.map((p) => p.sent)).toEqual([0, 1, 2, 3, 4, 5]);

    const local = (await attachmentsOf(db, server.projectA, [hash])).get(hash);
    expect(local).toMatchObject({ state: 'complete', received: bytes.length });
    expect(local?.blob).toBeUndefined();
    const served = await server.request(server.people.coord, 'GET', `/api/attachments/${server.projectA}/${hash}`);
    expect(Buffer.compare(served.rawPayload, bytes)).toBe(0);
  });

  it("leaves a file someone else of the project is still sending for a later sync, sends the others, then finds it stored", async () => {
    const shared = randomBytes(700);
    const own = randomBytes(600);
    const sharedFile = await storeFile(db, server.projectA, { blob: new Blob([shared], { type: 'application/pdf' }), kind: 'document', name: 'indictment.pdf' });
    const ownFile = await storeFile(db, server.projectA, { blob: new Blob([own], { type: 'application/pdf' }), kind: 'document', name: 'notes.pdf' });
    await db.reports.put(finalReport([sharedFile.hash, ownFile.hash]));
    // obs2 started sending the same document and has not finished: that upload is obs2's alone.
    const { obs2 } = server.people;
    const start = { projectId: server.projectA, hash: sharedFile.hash, kind: 'document', mime: 'application/pdf', size: shared.length };
    expect((await server.request(obs2, 'POST', '/api/attachments', start)).statusCode).toBe(200);

    await uploadAttachments(db, () => undefined, browserConnection);
    const first = await attachmentsOf(db, server.projectA, [sharedFile.hash, ownFile.hash]);
    expect(first.get(ownFile.hash)).toMatchObject({ state: 'complete' });
    expect(first.get(sharedFile.hash)?.state).not.toBe('refused');
    expect(first.get(sharedFile.hash)?.blob?.size).toBe(shared.length);

    const put = await server.app.inject({ method: 'PUT', url: `/api/attachments/${server.projectA}/${sharedFile.hash}/chunks/0`, payload: shared, headers: { cookie: obs2.cookie, 'content-type': 'application/octet-stream' } });
    expect(put.statusCode).toBe(200);
    expect((await server.request(obs2, 'POST', `/api/attachments/${server.projectA}/${sharedFile.hash}/complete`, {})).statusCode).toBe(200);
    await uploadAttachments(db, () => undefined, browserConnection);
    expect((await attachmentsOf(db, server.projectA, [sharedFile.hash])).get(sharedFile.hash)).toMatchObject({ state: 'complete' });
  });

  it('keeps a file the project refuses, with the server\'s reason, and sends nothing of it', async () => {
    await server.request(server.people.coord, 'PUT', `/api/projects/${server.projectA}/attachment-settings`, { kinds: ['document'], maxBytes: 1024 * 1024 });
    const photo = await storeFile(db, server.projectA, { blob: new Blob([randomBytes(500)], { type: 'image/jpeg' }), kind: 'photo' });
    await db.reports.put(finalReport([photo.hash]));
    const progress: SyncProgress[] = [];
    await uploadAttachments(db, (p) => progress.push(p), browserConnection);
    expect(progress.at(-1)).toEqual({ sent: 2, total: 2 });
    const local = (await attachmentsOf(db, server.projectA, [photo.hash])).get(photo.hash);
    expect(local).toMatchObject({ state: 'refused', refusal: { code: 'attachment_kind_forbidden', params: { kind: 'photo' } } });
    expect(local?.note).toBeUndefined();
    expect(local?.blob?.size).toBe(500);
    expect((await server.request(server.people.obs1, 'GET', `/api/attachments/${server.projectA}/${photo.hash}/status`)).statusCode).toBe(404);
  });

  it('sends an enrolled device\'s chunks with its token, as its other calls (no cookie to fall back on)', async () => {
    const device = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    // The device's own connection: its token, and no session cookie at all.
    const connection: Connection = { fetch: (path, init) => realFetch(`${base}${path}`, init), token: device.token };
    // Nothing may go around it through the page's own fetch (which, here, carries obs1's cookie).
    const pageFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('a call went around the device\'s connection'));
    onTestFinished(() => {
      globalThis.fetch = pageFetch;
    });
    const bytes = randomBytes(CHUNK_SIZE + 10);
    const file = await storeFile(db, server.projectA, { blob: new Blob([bytes], { type: 'application/pdf' }), kind: 'document' });
    await db.reports.put(finalReport([file.hash]));
    await uploadAttachments(db, () => undefined, connection);
    expect((await attachmentsOf(db, server.projectA, [file.hash])).get(file.hash)).toMatchObject({ state: 'complete', received: bytes.length });
    const served = await server.request(server.people.coord, 'GET', `/api/attachments/${server.projectA}/${file.hash}`);
    expect(Buffer.compare(served.rawPayload, bytes)).toBe(0);
  });
});
