/**
 * Attachments on the wire: photos, documents and recordings travel apart from the report, addressed by
 * the SHA-256 of their bytes, in chunks that resume where they stopped (SYNC.md "Attachments").
 *
 * The report's answer keeps only `"sha256:<hex>"` strings (the form engine's contract, forms/README.md);
 * the description of a file (kind, type, size, name) is the `AttachmentRef` the device sends when it
 * starts the upload, so the report document stays small and a photo used twice is sent once.
 */
import * as v from 'valibot';
import { Text } from './text.ts';
import { ATTACHMENT_REF } from '../forms/answer-shape.ts';
import type { AnswerValue, Answers } from '../forms/answers.ts';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../forms/types.ts';
import { Uuid } from './protocol.ts';
import type { SentRetentionDays } from './sent-retention.ts';

/** Every chunk but the last is exactly this long; the server refuses larger bodies before reading them. */
export const CHUNK_SIZE = 256 * 1024;
/** What a project allows when its coordinators have not chosen: every kind, 20 MiB per file. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** The range a coordinator may choose the per-file limit in. */
export const MIN_ATTACHMENT_LIMIT = 64 * 1024;
export const MAX_ATTACHMENT_LIMIT = 100 * 1024 * 1024;
/** Photos are resized on the device to fit this many pixels on their long side, as JPEG of this quality. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_QUALITY = 0.8;

export const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex'));
const MimeType = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'must be a media type such as image/jpeg'));
const Kind = v.picklist(ATTACHMENT_KINDS, `must be one of ${ATTACHMENT_KINDS.join(', ')}`);

/** Which media types each kind may carry: a "photo" that is a program is refused before a byte is stored. */
export function mimeFitsKind(kind: AttachmentKind, mime: string): boolean {
  if (kind === 'photo') return mime.startsWith('image/');
  if (kind === 'audio') return mime.startsWith('audio/');
  return !/^(application\/(x-msdownload|x-sh|x-executable|javascript)|text\/(html|javascript))$/.test(mime);
}

/** A name to show and download under: no path separators (it is never a path) and no control characters. */
function isPlainFileName(name: string): boolean {
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || name[i] === '/' || name[i] === '\\') return false;
  }
  return true;
}

const RefEntries = {
  hash: Sha256Hex,
  kind: Kind,
  mime: MimeType,
  size: v.pipe(v.number(), v.safeInteger('must be a whole number'), v.minValue(1, 'an attachment is not empty'), v.maxValue(MAX_ATTACHMENT_LIMIT, `an attachment has at most ${MAX_ATTACHMENT_LIMIT} bytes`)),
  /** The original file name, for the coordinator's download; optional because photos have none worth keeping. */
  name: v.optional(
    v.pipe(
      Text,
      v.maxLength(200, 'a file name has at most 200 characters'),
      v.check(isPlainFileName, 'a file name has no slashes or control characters'),
    ),
  ),
};
const KIND_MISMATCH = 'the media type does not fit the kind (photos are images, recordings are audio)';

/** What the device says about a file when it starts (or resumes) sending it. */
export const AttachmentRef = v.pipe(
  v.strictObject(RefEntries),
  v.check((ref) => mimeFitsKind(ref.kind, ref.mime), KIND_MISMATCH),
);
export type AttachmentRef = v.InferOutput<typeof AttachmentRef>;

/** POST /api/attachments: start or resume an upload into a project. */
export const StartUpload = v.pipe(
  v.strictObject({ projectId: Uuid, ...RefEntries }),
  v.check((ref) => mimeFitsKind(ref.kind, ref.mime), KIND_MISMATCH),
);
export type StartUpload = v.InferOutput<typeof StartUpload>;

/** uploading: `received` bytes are stored, send from there. complete: stored and verified, nothing to send. */
export type UploadState = 'uploading' | 'complete';

/** The answer to start, status, every chunk and complete. */
export interface UploadStatus {
  readonly hash: string;
  readonly size: number;
  readonly received: number;
  readonly state: UploadState;
}

/** What a project allows; coordinators change it, devices receive it in the pull. */
export const AttachmentSettings = v.strictObject({
  kinds: v.pipe(v.array(Kind), v.maxLength(ATTACHMENT_KINDS.length), v.check((kinds) => new Set(kinds).size === kinds.length, 'each kind once')),
  maxBytes: v.pipe(
    v.number(),
    v.safeInteger('must be a whole number'),
    v.minValue(MIN_ATTACHMENT_LIMIT, `at least ${MIN_ATTACHMENT_LIMIT / 1024} KiB`),
    v.maxValue(MAX_ATTACHMENT_LIMIT, `at most ${MAX_ATTACHMENT_LIMIT / 1024 / 1024} MiB`),
  ),
});
export type AttachmentSettings = v.InferOutput<typeof AttachmentSettings>;

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = { kinds: [...ATTACHMENT_KINDS], maxBytes: DEFAULT_MAX_ATTACHMENT_BYTES };

/** The project's settings as a pull change (entity "project"). */
export interface ProjectRecord {
  readonly id: string;
  readonly attachments: AttachmentSettings;
  /**
   * Days a device keeps a confirmed report's contents (null: never purged); absent from servers before
   * migration 015, when the device assumes the default (core/sync/sent-retention.ts).
   */
  readonly sentRetentionDays?: SentRetentionDays;
}

/** One attachment a report refers to, as the coordinator's report view lists it. */
export interface ReportAttachment {
  readonly hash: string;
  /** missing: nothing received yet; uploading: part received; complete: verified and ready to open. */
  readonly state: 'missing' | UploadState;
  readonly kind?: AttachmentKind;
  readonly mime?: string;
  readonly size?: number;
  readonly received: number;
  readonly name?: string;
}

export const toRef = (hash: string): string => `sha256:${hash}`;

function refsOf(value: AnswerValue | undefined, into: Set<string>): void {
  if (!Array.isArray(value)) return;
  for (const entry of value as readonly unknown[]) {
    if (typeof entry === 'string') {
      if (ATTACHMENT_REF.test(entry)) into.add(entry.slice('sha256:'.length));
    } else if (typeof entry === 'object' && entry !== null) {
      for (const cell of Object.values(entry as Record<string, AnswerValue>)) refsOf(cell, into);
    }
  }
}

/** Every attachment hash a report's answers refer to, in repeat rows too, each once, in order of appearance. */
export function attachmentHashes(answers: Answers | Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>();
  for (const value of Object.values(answers)) refsOf(value as AnswerValue, found);
  return [...found];
}

/** Where the next chunk starts and how long it is; undefined when everything is sent. */
export function nextChunk(size: number, received: number): { offset: number; length: number } | undefined {
  if (received >= size) return undefined;
  return { offset: received, length: Math.min(CHUNK_SIZE, size - received) };
}

/** Lower-case hex of a digest, the form hashes travel in. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = '';
  for (const byte of view) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
