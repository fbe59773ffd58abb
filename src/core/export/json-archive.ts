import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as v from 'valibot';
import { REGIONS } from '../forms/regions.ts';
import { AnswersSchema } from '../sync/protocol.ts';
import { CalendarDate, Text } from '../sync/text.ts';

/**
 * The JSON archive: everything needed to rebuild a case's monitoring record elsewhere (forms, cases,
 * reports with every answer), in archive.json inside a ZIP, with attachments as files named by their
 * SHA-256 under attachments/. readArchive checks it fully before anything uses it, with the same text
 * and date rules as the API (no NUL, no broken Unicode, real days): a bad archive is refused up front, not by the database.
 */
export const ARCHIVE_FORMAT = 'trial-monitor-archive';
export const ARCHIVE_VERSION = 1;

const ArchiveSchema = v.strictObject({
  format: v.literal(ARCHIVE_FORMAT, 'this is not a Trial Monitor archive'),
  version: v.literal(ARCHIVE_VERSION, 'this archive was written by a newer version of Trial Monitor'),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  forms: v.array(v.strictObject({ id: Text, version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)), definition: v.unknown() })),
  cases: v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.uuid()),
      projectId: Text,
      code: Text,
      court: Text,
      /** The project's regional systems when it had any (src/core/forms/regions.ts): informative, the import does not set them. */
      regions: v.optional(v.array(v.picklist(REGIONS))),
    }),
  ),
  reports: v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.uuid()),
      caseId: v.pipe(v.string(), v.uuid()),
      formId: Text,
      formVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
      hearingDate: CalendarDate,
      observerCode: Text,
      version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
      receivedAt: Text,
      reviewStatus: Text,
      /** The report's count (tallyFindings, dismissed findings left out) when exported; informative, recomputed on import. */
      concernCount: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
      answers: AnswersSchema,
    }),
  ),
});
export type Archive = v.InferOutput<typeof ArchiveSchema>;

export function writeArchive(archive: Archive, attachments: ReadonlyMap<string, Uint8Array> = new Map()): Uint8Array {
  const files: Record<string, Uint8Array> = { 'archive.json': strToU8(JSON.stringify(archive, null, 2)) };
  for (const [hash, bytes] of attachments) {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`attachment name "${hash}" is not a SHA-256`);
    files[`attachments/${hash}`] = bytes;
  }
  return zipSync(files, { level: 6 });
}

export class ArchiveError extends Error {}

/** Reads an archive back, or says exactly why it cannot be used; nothing half-read is returned. */
export function readArchive(bytes: Uint8Array): { archive: Archive; attachments: Map<string, Uint8Array> } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new ArchiveError('The file is not a ZIP archive.');
  }
  const json = files['archive.json'];
  if (json === undefined) throw new ArchiveError('The archive has no archive.json.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    throw new ArchiveError('archive.json is not valid JSON.');
  }
  const result = v.safeParse(ArchiveSchema, parsed);
  if (!result.success) {
    const issue = result.issues[0];
    const path = (issue?.path ?? []).map((p) => String(p.key)).join('.');
    throw new ArchiveError(`archive.json is not valid${path === '' ? '' : ` at ${path}`}: ${issue?.message ?? 'unknown fault'}.`);
  }
  const attachments = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    const hash = /^attachments\/([0-9a-f]{64})$/.exec(name)?.[1];
    if (hash !== undefined) attachments.set(hash, content);
  }
  return { archive: result.output, attachments };
}
