import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { AttachmentSettings, CHUNK_SIZE, Sha256Hex, StartUpload } from '../../core/sync/attachments.ts';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { beginUpload, attachmentsOfReport, finishUpload, memberSettings, readAttachment, saveAttachmentSettings, sendChunk, uploadStatus } from '../domain/attachments.ts';
import { apiActor } from '../domain/audit.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

const FileParams = v.strictObject({ projectId: Uuid, hash: Sha256Hex });
const ChunkParams = v.strictObject({ ...FileParams.entries, offset: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'offset must be a whole number'), v.transform(Number)) });

/** Types a browser may show in the page; anything else is downloaded, so a hostile file cannot run as ours. */
const SHOWN_INLINE = /^(image\/(jpeg|png|webp|gif)|application\/pdf|audio\/[a-z0-9.+-]+)$/;

/** encodeURIComponent leaves ' ( ) * as they are; RFC 5987 wants them encoded too. */
const encodeRfc5987 = (text: string): string => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Attachments: start or resume an upload, send chunks in order, complete (the server checks the SHA-256),
 * and read a stored file. Any member of the project may send files into it; the project's coordinators
 * and the person who sent a file may read it, as with reports. See docs/attachments.md.
 */
export function attachmentRoutes(root: FastifyInstance, database: Db): void {
  // A scope of its own, so the raw-bytes parser below serves these routes only: elsewhere such a body stays a 415.
  void root.register((app, _options, done) => {
    routes(app, database);
    done();
  });
}

function routes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  // Chunks arrive raw, at most one chunk per request.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: CHUNK_SIZE }, (_request, body, done) => done(null, body));

  app.post('/api/attachments', async (request) => {
    const access = requireAccess(request);
    const input = parseInput(StartUpload, request.body, 'attachment');
    return beginUpload(db, access, input);
  });

  app.get('/api/attachments/:projectId/:hash/status', async (request) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    return uploadStatus(db, access, projectId, hash);
  });

  app.put('/api/attachments/:projectId/:hash/chunks/:offset', { bodyLimit: CHUNK_SIZE }, async (request) => {
    const access = requireAccess(request);
    const at = parseInput(ChunkParams, request.params, 'chunk address');
    return sendChunk(db, access, at, request.body);
  });

  app.post('/api/attachments/:projectId/:hash/complete', async (request) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    return finishUpload(db, access, projectId, hash);
  });

  app.get('/api/attachments/:projectId/:hash', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    const { row, chunks } = await readAttachment(db, access, projectId, hash);
    const inline = SHOWN_INLINE.test(row.mime);
    const fileName = row.name ?? `${row.kind}-${hash.slice(0, 12)}.${row.mime.split('/')[1] ?? 'bin'}`;
    // A plain ASCII name for old browsers, and the real one (Cyrillic and all) encoded per RFC 6266.
    const disposition = `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
    return reply
      .header('content-type', inline ? row.mime : 'application/octet-stream')
      .header('content-length', String(row.size))
      .header('content-disposition', disposition)
      .send(Readable.from(chunks));
  });

  app.get('/api/reports/:id/attachments', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    return attachmentsOfReport(db, access, id);
  });

  app.get('/api/projects/:projectId/attachment-settings', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    return memberSettings(db, access, projectId);
  });

  app.put('/api/projects/:projectId/attachment-settings', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    await memberSettings(db, access, projectId);
    const settings = parseInput(AttachmentSettings, request.body, 'attachment settings');
    return saveAttachmentSettings(db, access, apiActor(access.user.id), projectId, settings);
  });
}
