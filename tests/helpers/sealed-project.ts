import type { Kysely } from 'kysely';
import { exportPublicJwk, generateKeyPair, keyId } from '../../src/core/seal/keys.ts';
import { openReport, sealReport, type SealedReportContent } from '../../src/core/seal/sealed-report.ts';
import type { EcPublicJwk, SealCrypto, SealKey } from '../../src/core/seal/web-crypto.ts';
import type { ReportFields } from '../../src/core/sync/protocol.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { hearingAnswers } from './test-server.ts';

export const crypto: SealCrypto = globalThis.crypto;

/** A project's key pair as the coordinator's browser holds it once unlocked. */
export interface ProjectKey {
  readonly kid: string;
  readonly publicKey: EcPublicJwk;
  readonly privateKey: SealKey;
}

export async function makeProjectKey(): Promise<ProjectKey> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  return { kid: await keyId(crypto, publicKey), publicKey, privateKey: pair.privateKey };
}

/**
 * Seals a project as k11's key routes do, by writing its project_seals row directly (the brief's seam:
 * s11's tests insert the row; k11's domain writes it in the product).
 */
export async function sealProject(db: Kysely<Database>, projectId: string, sealedBy: string, key?: ProjectKey): Promise<ProjectKey> {
  const made = key ?? (await makeProjectKey());
  await db
    .insertInto('project_seals')
    .values({ project_id: projectId, public_key: JSON.stringify(made.publicKey), kid: made.kid, sealed_at: new Date().toISOString(), sealed_by: sealedBy })
    .execute();
  return made;
}

export function readableFields(projectId: string, caseId: string, answers: Record<string, unknown> = hearingAnswers(), reason?: string, formVersion = 1): ReportFields {
  return { projectId, caseId, formId: 'hearing', formVersion, hearingDate: '2026-11-20', answers: answers as ReportFields['answers'], ...(reason === undefined ? {} : { reason }) };
}

/** A report mutation sealed to `key` for baseVersion + 1, as the device's outbox sends it. */
export async function sealedReportMutation(seq: number, key: ProjectKey, reportId: string, fields: ReportFields, baseVersion = 0) {
  const payload = await sealReport(crypto, key, reportId, baseVersion, fields);
  return { seq, entity: 'report', id: reportId, baseVersion, payload } as const;
}

/** Opens a stored version's box as the coordinator's browser does. */
export function openStored(key: ProjectKey, box: unknown, reportId: string, version: number, formVersion = 1): Promise<SealedReportContent> {
  return openReport(crypto, box, key.kid, key.privateKey, { reportId, version, formId: 'hearing', formVersion });
}
