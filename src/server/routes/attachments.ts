import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { AttachmentSettings, CHUNK_SIZE, Sha256Hex, StartUpload, type AttachmentSettings as Settings } from '../../core/sync/attachments.ts';
import { Uuid } from '../../core/sync/protocol.ts';
import { readAttachmentSettings, writeAttachmentSettings } from '../attachments/settings.ts';
import { reportAttachments } from '../attachments/report-attachments.ts';
import { completeUpload, findAttachment, putChunk, readChunks, startUpload, statusOf } from '../attachments/store.ts';
import { isCoordinator, isMember, mayReadOwnOrCoordinated, type Access } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { ApiError, forbidden, notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

const FileParams = v.strictObject({ projectId: Uuid, hash: Sha256Hex });
const ChunkParams = v.strictObject({ ...FileParams.entries, offset: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'offset must be a whole number'), v.transform(Number)) });

/** Types a browser may show in the page; anything else is downloaded, so a hostile file cannot run as ours. */
const SHOWN_INLINE = /^(image\/(jpeg|png|webp|gif)|application\/pdf|audio\/[a-z0-9.+-]+)$/;

/** encodeURIComponent leaves ' ( ) * as they are; RFC 5987 wants them encoded too. */
const encodeRfc5987 = (text: string): string => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

/** Settings of a project the caller belongs to; 404 for everyone else, who learn nothing, not even that it exists. */
async function memberSettings(database: Db, access: Access, projectId: string): Promise<Settings> {
  const settings = isMember(access, projectId) ? await readAttachmentSettings(database.db, projectId) : undefined;
  if (settings === undefined) throw notFound('The project');
  return settings;
}

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
    const settings = await memberSettings(database, access, input.projectId);
    if (!settings.kinds.includes(input.kind)) {
      throw new ApiError(403, 'attachment_kind_forbidden', `This project does not accept ${input.kind} attachments (its coordinators switched them off). Remove the file from the report.`);
    }
    if (input.size > settings.maxBytes) {
      throw new ApiError(413, 'attachment_too_large', `This file is ${kib(input.size)}; this project accepts files up to ${kib(settings.maxBytes)}. Remove it or send a smaller one.`);
    }
    return startUpload(db, input, access.user.id);
  });

  app.get('/api/attachments/:projectId/:hash/status', async (request) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    await memberSettings(database, access, projectId);
    const row = await findAttachment(db, projectId, hash);
    if (row === undefined) throw notFound('The upload');
    return statusOf(row);
  });

  app.put('/api/attachments/:projectId/:hash/chunks/:offset', { bodyLimit: CHUNK_SIZE }, async (request) => {
    const access = requireAccess(request);
    const { projectId, hash, offset } = parseInput(ChunkParams, request.params, 'chunk address');
    await memberSettings(database, access, projectId);
    if (!Buffer.isBuffer(request.body)) throw new ApiError(415, 'unsupported_media_type', 'Send a chunk as the raw bytes, with content-type application/octet-stream.');
    return putChunk(db, projectId, hash, offset, request.body, access.user.id);
  });

  app.post('/api/attachments/:projectId/:hash/complete', async (request) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    await memberSettings(database, access, projectId);
    return completeUpload(db, projectId, hash, access.user.id);
  });

  app.get('/api/attachments/:projectId/:hash', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId, hash } = parseInput(FileParams, request.params, 'attachment address');
    const row = await findAttachment(db, projectId, hash);
    if (row === undefined || !mayReadOwnOrCoordinated(access, { project_id: projectId, author_id: row.uploaded_by })) throw notFound('The attachment');
    if (row.state !== 'complete') throw new ApiError(409, 'attachment_incomplete', `Only ${row.received} of ${row.size} bytes have arrived; the observer's device sends the rest on its next sync.`);
    const inline = SHOWN_INLINE.test(row.mime);
    const fileName = row.name ?? `${row.kind}-${hash.slice(0, 12)}.${row.mime.split('/')[1] ?? 'bin'}`;
    // A plain ASCII name for old browsers, and the real one (Cyrillic and all) encoded per RFC 6266.
    const disposition = `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\w.\- ]/g, '_')}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
    return reply
      .header('content-type', inline ? row.mime : 'application/octet-stream')
      .header('content-length', String(row.size))
      .header('content-disposition', disposition)
      .send(Readable.from(readChunks(db, projectId, hash)));
  });

  app.get('/api/reports/:id/attachments', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const row = await db
      .selectFrom('reports')
      .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
      .select(['reports.project_id', 'reports.author_id', 'report_versions.answers'])
      .where('reports.id', '=', id)
      .executeTakeFirst();
    if (row === undefined || !mayReadOwnOrCoordinated(access, row)) throw notFound('The report');
    return { attachments: await reportAttachments(db, row.project_id, row.answers) };
  });

  app.get('/api/projects/:projectId/attachment-settings', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    return memberSettings(database, access, projectId);
  });

  app.put('/api/projects/:projectId/attachment-settings', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    await memberSettings(database, access, projectId);
    if (!isCoordinator(access, projectId)) throw forbidden("this project's attachment settings (coordinators only)");
    const settings = parseInput(AttachmentSettings, request.body, 'attachment settings');
    await writeAttachmentSettings(db, projectId, settings);
    return settings;
  });
}
