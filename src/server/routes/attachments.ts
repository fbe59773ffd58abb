import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { CHUNK_SIZE } from '../../core/sync/attachments.ts';
import type { Db } from '../db/connect.ts';
import { beginUpload, attachmentsOfReport, finishUpload, memberSettings, readAttachment, saveAttachmentSettings, sendChunk, uploadStatus } from '../domain/attachments.ts';
import { apiActor } from '../domain/audit.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

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

  registerRoute(app, contract.startUpload, async ({ body: input }, request) => {
    const access = requireAccess(request);
    return beginUpload(db, access, input);
  });

  registerRoute(app, contract.uploadStatus, async ({ params: { projectId, hash } }, request) => {
    const access = requireAccess(request);
    return uploadStatus(db, access, projectId, hash);
  });

  registerRoute(app, contract.putChunk, async ({ params: at, body }, request) => sendChunk(db, requireAccess(request), at, body), { bodyLimit: CHUNK_SIZE });

  registerRoute(app, contract.completeUpload, async ({ params: { projectId, hash } }, request) => {
    const access = requireAccess(request);
    return finishUpload(db, access, projectId, hash);
  });

  registerRoute(app, contract.getAttachment, async ({ params: { projectId, hash } }, request, reply) => {
    const access = requireAccess(request);
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

  registerRoute(app, contract.listReportAttachments, async ({ params: { id } }, request) => {
    const access = requireAccess(request);
    return attachmentsOfReport(db, access, id);
  });

  registerRoute(app, contract.getAttachmentSettings, async ({ params: { projectId } }, request) => {
    const access = requireAccess(request);
    return memberSettings(db, access, projectId);
  });

  registerRoute(app, contract.putAttachmentSettings, async ({ params: { projectId }, body: settings }, request) => {
    const access = requireAccess(request);
    await memberSettings(db, access, projectId);
    return saveAttachmentSettings(db, access, apiActor(access.user.id), projectId, settings);
  });
}
