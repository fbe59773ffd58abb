/** Attachments: start or resume an upload, chunks, completion, reading a file, a report's files, project settings. */
import * as v from 'valibot';
import { AttachmentSettings, Sha256Hex, StartUpload } from '../sync/attachments.ts';
import type { ReportAttachment as ReportAttachmentInterface, UploadStatus as UploadStatusInterface } from '../sync/attachments.ts';
import { Uuid } from '../sync/protocol.ts';
import { ATTACHMENT_KINDS } from '../forms/types.ts';

export { AttachmentSettings, StartUpload };

export const FileParams = v.strictObject({ projectId: Uuid, hash: Sha256Hex });
export const ChunkParams = v.strictObject({ ...FileParams.entries, offset: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'offset must be a whole number'), v.transform(Number)) });

/** The answer to start, status, every chunk and complete: how much is stored, and whether it is verified. */
export const UploadStatus = v.object({
  hash: v.string(),
  size: v.pipe(v.number(), v.safeInteger()),
  received: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  state: v.picklist(['uploading', 'complete']),
});

export const ReportAttachment = v.object({
  hash: v.string(),
  state: v.picklist(['missing', 'uploading', 'complete']),
  kind: v.exactOptional(v.picklist(ATTACHMENT_KINDS)),
  mime: v.exactOptional(v.string()),
  size: v.exactOptional(v.number()),
  received: v.number(),
  name: v.exactOptional(v.string()),
});
export const ReportAttachmentList = v.object({ attachments: v.array(ReportAttachment) });

export const ATTACHMENT_SCHEMAS_FIT: [
  v.InferOutput<typeof UploadStatus> extends UploadStatusInterface ? true : never,
  v.InferOutput<typeof ReportAttachment> extends ReportAttachmentInterface ? true : never,
] = [true, true];
