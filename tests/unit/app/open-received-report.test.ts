import { describe, expect, it } from 'vitest';
import { createProjectKey } from '../../../src/app/coordinator/sealing/key-flow.ts';
import { openReceivedReport } from '../../../src/app/coordinator/sealing/use-opened-report.ts';
import { parseSealedBox } from '../../../src/core/seal/envelope.ts';
import { sealReport } from '../../../src/core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../src/core/seal/web-crypto.ts';
import type { ReportFields, ReportRecord } from '../../../src/core/sync/protocol.ts';

/** What the coordinator's report page shows of a received report (src/app/coordinator/sealing/use-opened-report.ts). */
const crypto: SealCrypto = globalThis.crypto;
const ids = { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', projectId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a51', caseId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a52' };
const fields: ReportFields = {
  projectId: ids.projectId,
  caseId: ids.caseId,
  formId: 'hearing',
  formVersion: 4,
  hearingDate: '2026-11-30',
  answers: { torture_allegation: 'yes', torture_details: 'W2 said he was beaten in the car' },
  reason: 'The judge’s response was added',
};

function record(sealed: ReportRecord['sealed'], version: number): ReportRecord {
  return { ...ids, formId: 'hearing', formVersion: 4, authorId: 'o1', hearingDate: '2026-11-30', version, answers: {}, ...(sealed === undefined ? {} : { sealed }), receivedAt: '2026-11-30T18:00:00Z' };
}

describe('a received report on the coordinator’s page', () => {
  it('shows a readable version as it came', async () => {
    const readable = { ...record(undefined, 1), answers: fields.answers };
    expect(await openReceivedReport(crypto, readable, null, undefined)).toEqual({ state: 'readable', answers: fields.answers, reason: null });
  });

  it('opens a sealed version with the unlocked project key, and says "locked" without it', async () => {
    const project = await createProjectKey(crypto);
    const sealed = await sealReport(crypto, { kid: project.unlocked.kid, publicKey: project.publicKey }, ids.id, 1, fields);
    const stored = record(parseSealedBox(sealed.sealed), 2);
    expect(await openReceivedReport(crypto, stored, null, undefined)).toEqual({ state: 'locked' });
    expect(await openReceivedReport(crypto, stored, null, project.unlocked)).toEqual({ state: 'opened', answers: fields.answers, reason: fields.reason });
  });

  it('says "cannot be opened" for a box the server filed under another version, or with another key', async () => {
    const project = await createProjectKey(crypto);
    const other = await createProjectKey(crypto);
    const sealed = await sealReport(crypto, { kid: project.unlocked.kid, publicKey: project.publicKey }, ids.id, 1, fields);
    expect(await openReceivedReport(crypto, record(parseSealedBox(sealed.sealed), 3), null, project.unlocked)).toEqual({ state: 'cannot-open' });
    expect(await openReceivedReport(crypto, record(parseSealedBox(sealed.sealed), 2), null, { ...other.unlocked, kid: project.unlocked.kid })).toEqual({ state: 'cannot-open' });
  });
});
