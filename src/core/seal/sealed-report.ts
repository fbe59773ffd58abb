/**
 * A report version of a sealed project, sealed and opened (docs/security.md, "Sealed projects").
 *
 * The sealed plaintext is the canonical JSON of { answers, reason }: what the server would otherwise
 * store readably. Quick notes stay on the device (src/app/db/README.md, "Why quick notes do not sync"),
 * so there are none to seal. The metadata the server needs (project, case, form, hearing date) travels
 * in the clear beside the box, and the box is bound to the report, the version it will be stored as
 * (baseVersion + 1) and the form, so the server cannot move it to another report or version.
 */
import * as v from 'valibot';
import { canonicalJson } from '../canonical-json.ts';
import { AnswersSchema, type ReportFields, type SealedReportFields } from '../sync/protocol.ts';
import { fromUtf8, utf8 } from './bytes.ts';
import { reportBinding } from './bindings.ts';
import { openBox, sealBox, type Recipient, type SealedBox } from './envelope.ts';
import { SealError } from './seal-error.ts';
import type { SealCrypto, SealKey } from './web-crypto.ts';

/** What a sealed report version holds once opened. */
export const SealedReportContent = v.strictObject({
  answers: AnswersSchema,
  reason: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
});
export type SealedReportContent = v.InferOutput<typeof SealedReportContent>;

/** The bytes that are sealed: canonical, so one content is one plaintext whatever order it was built in. */
export function sealedReportPlaintext(fields: Pick<ReportFields, 'answers' | 'reason'>): string {
  return canonicalJson(fields.reason === undefined ? { answers: fields.answers } : { answers: fields.answers, reason: fields.reason });
}

/** Where a stored sealed version belongs: what its box must have been bound to. */
export interface SealedVersionAddress {
  readonly reportId: string;
  readonly version: number;
  readonly formId: string;
  readonly formVersion: number;
}

/** A version's content sealed to the project's key for where it is stored (the phone's push, the coordinator's re-seal job). */
export function sealVersion(crypto: SealCrypto, projectKey: Recipient, at: SealedVersionAddress, content: Pick<ReportFields, 'answers' | 'reason'>): Promise<SealedBox> {
  return sealBox(crypto, [projectKey], utf8(sealedReportPlaintext(content)), reportBinding(at.reportId, at.version, at.formId, at.formVersion));
}

/** A readable report payload sealed to the project's key, for the version the server will store it as. */
export async function sealReport(crypto: SealCrypto, projectKey: Recipient, reportId: string, baseVersion: number, fields: ReportFields): Promise<SealedReportFields> {
  const sealed = await sealVersion(crypto, projectKey, { reportId, version: baseVersion + 1, formId: fields.formId, formVersion: fields.formVersion }, fields);
  return { projectId: fields.projectId, caseId: fields.caseId, formId: fields.formId, formVersion: fields.formVersion, hearingDate: fields.hearingDate, sealed };
}

/**
 * Opens a sealed version with the project's private key. Throws SealError: cannot_open for a box moved
 * to another report, version or form (or altered, or another key), malformed for content that is not a
 * report's.
 */
export async function openReport(crypto: SealCrypto, box: unknown, kid: string, privateKey: SealKey, at: SealedVersionAddress): Promise<SealedReportContent> {
  const bytes = await openBox(crypto, box, kid, privateKey, reportBinding(at.reportId, at.version, at.formId, at.formVersion));
  const text = fromUtf8(bytes);
  if (text === undefined) throw new SealError('malformed');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SealError('malformed');
  }
  const parsed = v.safeParse(SealedReportContent, json);
  if (!parsed.success) throw new SealError('malformed');
  return parsed.output;
}
