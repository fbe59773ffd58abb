import type { Kysely } from 'kysely';
import type { AttachmentSettings, ReportAttachment, StartUpload, UploadStatus } from '../../core/sync/attachments.ts';
import { reportAttachments } from '../attachments/report-attachments.ts';
import { readAttachmentSettings, writeAttachmentSettings } from '../attachments/settings.ts';
import { completeUpload, findAttachment, putChunk, readChunks, startUpload, statusOf, type AttachmentRow } from '../attachments/store.ts';
import { isCoordinator, isMember, mayReadOwnOrCoordinated, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { apiError, forbidden, notFound } from '../errors.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * Attachments: start or resume an upload, send chunks in order, complete (the server checks the
 * SHA-256), read a stored file, and the project's settings. Any member of the project may send files
 * into it; the project's coordinators and the person who sent a file may read it, as with reports.
 * The storage rules are in attachments/store.ts; see docs/attachments.md.
 */

const kib = (bytes: number): number => Math.round(bytes / 1024);

/** GET /api/projects/:projectId/attachment-settings: settings of a project the caller belongs to; 404 for everyone else. Answer: AttachmentSettings. */
export async function memberSettings(db: Kysely<Database>, access: Access, projectId: string): Promise<AttachmentSettings> {
  const settings = isMember(access, projectId) ? await readAttachmentSettings(db, projectId) : undefined;
  if (settings === undefined) throw notFound('project');
  return settings;
}

/** POST /api/attachments: start (or resume) an upload the project's settings allow. Body: StartUpload. Answer: UploadStatus. */
export async function beginUpload(db: Kysely<Database>, access: Access, input: StartUpload): Promise<UploadStatus> {
  const settings = await memberSettings(db, access, input.projectId);
  if (!settings.kinds.includes(input.kind)) throw apiError('attachment_kind_forbidden', { kind: input.kind });
  if (input.size > settings.maxBytes) throw apiError('attachment_too_large', { kib: kib(input.size), maxKib: kib(settings.maxBytes) });
  return startUpload(db, input, access.user.id);
}

/** GET /api/attachments/:projectId/:hash/status. Answer: UploadStatus. */
export async function uploadStatus(db: Kysely<Database>, access: Access, projectId: string, hash: string): Promise<UploadStatus> {
  await memberSettings(db, access, projectId);
  const row = await findAttachment(db, projectId, hash);
  if (row === undefined) throw notFound('upload');
  return statusOf(row);
}

/** PUT /api/attachments/:projectId/:hash/chunks/:offset (raw bytes, application/octet-stream). Answer: UploadStatus. */
export async function sendChunk(db: Kysely<Database>, access: Access, at: { readonly projectId: string; readonly hash: string; readonly offset: number }, data: unknown): Promise<UploadStatus> {
  await memberSettings(db, access, at.projectId);
  if (!Buffer.isBuffer(data)) throw apiError('unsupported_media_type', { expected: 'octets' });
  return putChunk(db, at.projectId, at.hash, at.offset, data, access.user.id);
}

/** POST /api/attachments/:projectId/:hash/complete. Answer: UploadStatus. */
export async function finishUpload(db: Kysely<Database>, access: Access, projectId: string, hash: string): Promise<UploadStatus> {
  await memberSettings(db, access, projectId);
  return completeUpload(db, projectId, hash, access.user.id);
}

/**
 * GET /api/attachments/:projectId/:hash: a complete file the caller may read (404 otherwise, 409 while
 * bytes are missing), with its bytes as a stream of chunks.
 */
export async function readAttachment(db: Kysely<Database>, access: Access, projectId: string, hash: string): Promise<{ row: AttachmentRow; chunks: AsyncGenerator<Uint8Array> }> {
  const row = await findAttachment(db, projectId, hash);
  if (row === undefined || !mayReadOwnOrCoordinated(access, { project_id: projectId, author_id: row.uploaded_by })) throw notFound('attachment');
  if (row.state !== 'complete') throw apiError('attachment_incomplete', { received: row.received, size: row.size });
  return { row, chunks: readChunks(db, projectId, hash) };
}

/** GET /api/reports/:id/attachments: the files a report's answers refer to. Answer: { attachments: ReportAttachment[] }. */
export async function attachmentsOfReport(db: Kysely<Database>, access: Access, reportId: string): Promise<{ attachments: ReportAttachment[] }> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
    .select(['reports.project_id', 'reports.author_id', 'report_versions.answers'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  if (row === undefined || !mayReadOwnOrCoordinated(access, row)) throw notFound('report');
  return { attachments: await reportAttachments(db, row.project_id, row.answers) };
}

/**
 * PUT /api/projects/:projectId/attachment-settings (its coordinators): which kinds a project accepts and
 * how large. Body and answer: AttachmentSettings. Stored, announced to devices and audited in one transaction.
 */
export async function saveAttachmentSettings(db: Kysely<Database>, access: Access, actor: PersonActor, projectId: string, settings: AttachmentSettings): Promise<AttachmentSettings> {
  if (!isCoordinator(access, projectId)) throw forbidden('attachment_settings');
  await inTransaction(db, async (trx) => {
    await writeAttachmentSettings(trx, projectId, settings);
    await record(trx, actor, { action: 'project.attachment_settings', projectId, target: projectId, detail: { kinds: settings.kinds.join(','), maxBytes: settings.maxBytes } });
  });
  return settings;
}
