import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, type AttachmentSettings, type ReportAttachment, type UploadStatus } from '../../src/core/sync/attachments.ts';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe.each(testEngines())('attachments on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  const start = (who: Person | undefined, bytes: Uint8Array, extra: Record<string, unknown> = {}) =>
    server.request(who, 'POST', '/api/attachments', { projectId: server.projectA, hash: sha256(bytes), kind: 'document', mime: 'application/pdf', size: bytes.length, name: 'ruling.pdf', ...extra });

  const putChunk = (who: Person, hash: string, offset: number, chunk: Uint8Array, projectId = server.projectA) =>
    server.app.inject({
      method: 'PUT',
      url: `/api/attachments/${projectId}/${hash}/chunks/${offset}`,
      payload: Buffer.from(chunk),
      headers: { cookie: who.cookie, 'content-type': 'application/octet-stream' },
    });

  /** Sends every chunk from the server's offset on, the way the device does. */
  const sendRest = async (who: Person, bytes: Uint8Array, hash = sha256(bytes)): Promise<UploadStatus> => {
    let status = (await server.request(who, 'GET', `/api/attachments/${server.projectA}/${hash}/status`)).json<UploadStatus>();
    while (status.received < status.size) {
      const response = await putChunk(who, hash, status.received, bytes.subarray(status.received, status.received + CHUNK_SIZE));
      expect(response.statusCode).toBe(200);
      status = response.json<UploadStatus>();
    }
    return status;
  };

  const storedCount = async (): Promise<{ files: number; chunks: number }> => ({
    files: (await server.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    chunks: (await server.database.db.selectFrom('attachment_chunks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  });

  it('takes a file in chunks, verifies it, and serves it to the coordinator and the sender only', async () => {
    const { coord, obs1, obs2, obsb } = server.people;
    const bytes = randomBytes(CHUNK_SIZE * 2 + 1234);
    const hash = sha256(bytes);
    const started = await start(obs1, bytes);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({ hash, size: bytes.length, received: 0, state: 'uploading' });

    const early = await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'upload_incomplete' } });

    expect(await sendRest(obs1, bytes)).toEqual({ hash, size: bytes.length, received: bytes.length, state: 'uploading' });
    const done = await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`);
    expect(done.json()).toEqual({ hash, size: bytes.length, received: bytes.length, state: 'complete' });
    expect(await storedCount()).toMatchObject({ chunks: 3 });

    for (const who of [coord, obs1]) {
      const file = await server.request(who, 'GET', `/api/attachments/${server.projectA}/${hash}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`inline; filename="ruling.pdf"; filename*=UTF-8''ruling.pdf`);
      expect(sha256(file.rawPayload)).toBe(hash);
    }
    // Another observer of the same project, and an observer of another project, learn nothing.
    expect((await server.request(obs2, 'GET', `/api/attachments/${server.projectA}/${hash}`)).statusCode).toBe(404);
    const foreign = await server.request(obsb, 'GET', `/api/attachments/${server.projectA}/${hash}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ error: { code: 'not_found' } });
    // Starting the same file again says it is complete: nothing is sent twice.
    expect((await start(obs1, bytes)).json()).toMatchObject({ state: 'complete', received: bytes.length });
  });

  it('resumes after a chunk broken off mid-transfer, and refuses a chunk out of order', async () => {
    const { obs1 } = server.people;
    const bytes = randomBytes(CHUNK_SIZE + 500);
    const hash = sha256(bytes);
    expect((await start(obs1, bytes)).statusCode).toBe(200);
    expect((await putChunk(obs1, hash, 0, bytes.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);

    // Over a real socket: announce the whole last chunk, send a part, then drop the connection.
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/attachments/${server.projectA}/${hash}/chunks/${CHUNK_SIZE}`,
        headers: { cookie: obs1.cookie, 'content-type': 'application/octet-stream', 'content-length': 500 },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(Buffer.from(bytes.subarray(CHUNK_SIZE, CHUNK_SIZE + 200)), () => req.destroy());
    });

    const status = await server.request(obs1, 'GET', `/api/attachments/${server.projectA}/${hash}/status`);
    expect(status.json()).toEqual({ hash, size: bytes.length, received: CHUNK_SIZE, state: 'uploading' });
    const again = await putChunk(obs1, hash, 0, bytes.subarray(0, CHUNK_SIZE));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'wrong_offset', issues: [{ path: 'offset', message: String(CHUNK_SIZE) }] } });
    const short = await putChunk(obs1, hash, CHUNK_SIZE, bytes.subarray(CHUNK_SIZE, CHUNK_SIZE + 10));
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { code: 'bad_chunk_size' } });

    expect(await sendRest(obs1, bytes)).toMatchObject({ received: bytes.length });
    expect((await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`)).json()).toMatchObject({ state: 'complete' });
    const file = await server.request(server.people.coord, 'GET', `/api/attachments/${server.projectA}/${hash}`);
    expect(Buffer.compare(file.rawPayload, Buffer.from(bytes))).toBe(0);
  });

  it('discards a file whose bytes do not match its SHA-256, and keeps nothing of it', async () => {
    const { obs1 } = server.people;
    const before = await storedCount();
    const bytes = randomBytes(1000);
    const claimed = sha256(randomBytes(1000));
    expect((await start(obs1, bytes, { hash: claimed })).statusCode).toBe(200);
    expect(await sendRest(obs1, bytes, claimed)).toMatchObject({ received: 1000 });
    const mismatch = await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${claimed}/complete`);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toMatchObject({ error: { code: 'hash_mismatch' } });
    expect(await storedCount()).toEqual(before);
    expect((await server.request(obs1, 'GET', `/api/attachments/${server.projectA}/${claimed}/status`)).statusCode).toBe(404);
  });

  it('applies the project settings: kinds switched off and the size limit are refused clearly, and devices pull the settings', async () => {
    const { coord, obs1, obsb } = server.people;
    const cursorA = (await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
    const cursorB = (await server.request(obsb, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
    expect((await server.request(obs1, 'GET', `/api/projects/${server.projectA}/attachment-settings`)).json()).toEqual({ kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 });

    const settings: AttachmentSettings = { kinds: ['document'], maxBytes: 64 * 1024 };
    const changed = await server.request(coord, 'PUT', `/api/projects/${server.projectA}/attachment-settings`, settings);
    expect(changed.statusCode).toBe(200);

    const before = await storedCount();
    const photo = await start(obs1, randomBytes(500), { kind: 'photo', mime: 'image/jpeg' });
    expect(photo.statusCode).toBe(403);
    expect(photo.json()).toMatchObject({ error: { code: 'attachment_kind_forbidden', message: expect.stringContaining('photo') as unknown } });
    const large = await start(obs1, randomBytes(64 * 1024 + 1));
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ error: { code: 'attachment_too_large' } });
    expect(await storedCount()).toEqual(before);
    const atLimit = randomBytes(64 * 1024);
    expect((await start(obs1, atLimit, { name: 'решение суда.pdf' })).statusCode).toBe(200);
    await sendRest(obs1, atLimit);
    await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${sha256(atLimit)}/complete`);
    const named = await server.request(coord, 'GET', `/api/attachments/${server.projectA}/${sha256(atLimit)}`);
    expect(named.headers['content-disposition']).toBe(`inline; filename="_______ ____.pdf"; filename*=UTF-8''${encodeURIComponent('решение суда.pdf')}`);

    const pulled = (await server.request(obs1, 'GET', `/api/sync/pull?cursor=${cursorA}`)).json<PullResponse>();
    expect(pulled.changes).toEqual([{ position: expect.any(Number) as unknown, entity: 'project', data: { id: server.projectA, attachments: settings, sentRetentionDays: 7 } }]);
    expect((await server.request(obsb, 'GET', `/api/sync/pull?cursor=${cursorB}`)).json<PullResponse>().changes).toEqual([]);

    await server.request(coord, 'PUT', `/api/projects/${server.projectA}/attachment-settings`, { kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 });
  });

  it('lets only coordinators change settings, and refuses bad settings with the reason', async () => {
    const { coord, obs1, obsb } = server.people;
    const url = `/api/projects/${server.projectA}/attachment-settings`;
    const good = { kinds: ['photo'], maxBytes: 1024 * 1024 };
    expect((await server.request(obs1, 'PUT', url, good)).json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await server.request(obsb, 'PUT', url, good)).statusCode).toBe(404);
    expect((await server.request(undefined, 'PUT', url, good)).statusCode).toBe(401);
    const bad = await server.request(coord, 'PUT', url, { kinds: ['video'], maxBytes: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'kinds.0' }, { path: 'maxBytes' }] } });
    expect((await server.request(coord, 'GET', url)).json()).toEqual({ kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 });
  });

  it('refuses strangers: anonymous 401, an observer of another project 404, and bad input 400', async () => {
    const { obs1, obsb } = server.people;
    const bytes = randomBytes(100);
    const hash = sha256(bytes);
    const anonymous = await start(undefined, bytes);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'not_signed_in' } });
    const other = await start(obsb, bytes);
    expect(other.statusCode).toBe(404);
    expect((await putChunk(obsb, hash, 0, bytes)).statusCode).toBe(404);
    expect((await server.request(obsb, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`)).statusCode).toBe(404);
    const mislabelled = await start(obs1, bytes, { kind: 'photo', mime: 'application/x-msdownload' });
    expect(mislabelled.statusCode).toBe(400);
    expect(mislabelled.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const notStarted = await putChunk(obs1, hash, 0, bytes);
    expect(notStarted.json()).toMatchObject({ error: { code: 'upload_not_started' } });
    const oversized = await putChunk(obs1, hash, 0, randomBytes(CHUNK_SIZE + 1));
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json()).toMatchObject({ error: { code: 'body_too_large', message: expect.stringContaining('256 KiB') as unknown } });
    const json = await server.app.inject({ method: 'PUT', url: `/api/attachments/${server.projectA}/${hash}/chunks/0`, payload: { a: 1 }, headers: { cookie: obs1.cookie } });
    expect(json.statusCode).toBe(415);
    expect((await server.request(obs1, 'GET', `/api/attachments/${server.projectA}/not-a-hash/status`)).json()).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('lists a report\'s attachments with their state: a report is accepted before its files arrive', async () => {
    const { coord, obs1, obs2 } = server.people;
    const photo = randomBytes(3000);
    const missing = sha256(randomBytes(10));
    const caseId = uuidv7();
    const reportId = uuidv7();
    const answers = hearingAnswers({ observer_files: [`sha256:${sha256(photo)}`, `sha256:${missing}`] });
    const pushed = await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId, answers)] });
    expect(pushed.json()).toMatchObject({ lastSeq: 2, results: [{ status: 'applied' }, { status: 'applied' }] });

    expect((await start(obs1, photo, { kind: 'photo', mime: 'image/jpeg', name: undefined })).statusCode).toBe(200);
    const listed = async (who: Person) => server.request(who, 'GET', `/api/reports/${reportId}/attachments`);
    expect((await listed(coord)).json<{ attachments: ReportAttachment[] }>().attachments).toEqual([
      { hash: sha256(photo), state: 'uploading', kind: 'photo', mime: 'image/jpeg', size: 3000, received: 0 },
      { hash: missing, state: 'missing', received: 0 },
    ]);
    await sendRest(obs1, photo);
    await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${sha256(photo)}/complete`);
    expect((await listed(obs1)).json<{ attachments: ReportAttachment[] }>().attachments[0]).toMatchObject({ state: 'complete', received: 3000 });
    expect((await listed(obs2)).statusCode).toBe(404);
  });

  it('is served by any server process on the same database: chunks sent to one, completed and read on another', async () => {
    const { obs1, coord } = server.people;
    const { url, schema, dataDir } = server.database;
    const otherDb = engine === 'postgres' ? connect({ databaseUrl: url, dataDir: '', ...(schema === undefined ? {} : { schema }) }) : connect({ databaseUrl: undefined, dataDir: dataDir ?? '' });
    const other = await buildApp({ database: otherDb });
    try {
      const bytes = randomBytes(CHUNK_SIZE + 10);
      const hash = sha256(bytes);
      await start(obs1, bytes);
      expect((await putChunk(obs1, hash, 0, bytes.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);
      const onOther = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: Buffer) =>
        other.inject({ method, url: path, headers: { cookie: (method === 'GET' ? coord : obs1).cookie, ...(payload === undefined ? {} : { 'content-type': 'application/octet-stream' }) }, ...(payload === undefined ? {} : { payload }) });
      expect((await onOther('PUT', `/api/attachments/${server.projectA}/${hash}/chunks/${CHUNK_SIZE}`, Buffer.from(bytes.subarray(CHUNK_SIZE)))).json()).toMatchObject({ received: bytes.length });
      const completed = await other.inject({ method: 'POST', url: `/api/attachments/${server.projectA}/${hash}/complete`, headers: { cookie: obs1.cookie }, payload: {} });
      expect(completed.json()).toMatchObject({ state: 'complete' });
      const read = await server.request(coord, 'GET', `/api/attachments/${server.projectA}/${hash}`);
      expect(Buffer.compare(read.rawPayload, bytes)).toBe(0);
      expect(Buffer.compare((await onOther('GET', `/api/attachments/${server.projectA}/${hash}`)).rawPayload, bytes)).toBe(0);
    } finally {
      await other.close();
      await otherDb.close();
    }
  });
});
