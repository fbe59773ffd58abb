import { describe, expect, it } from 'vitest';
import { parseSealedBox } from '../../../../src/core/seal/envelope.ts';
import { exportPublicJwk, generateKeyPair, keyId, type UnlockedKey } from '../../../../src/core/seal/keys.ts';
import { openCaseBundle, UnopenedReportsError, type SealedCaseBundle } from '../../../../src/core/seal/open-case-bundle.ts';
import { sealReport } from '../../../../src/core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../../src/core/seal/web-crypto.ts';

const crypto: SealCrypto = globalThis.crypto;

async function projectKey(): Promise<UnlockedKey & { recipient: { kid: string; publicKey: Awaited<ReturnType<typeof exportPublicJwk>> } }> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  const kid = await keyId(crypto, publicKey);
  return { kid, privateKey: pair.privateKey, recipient: { kid, publicKey } };
}

const fields = { projectId: 'p', caseId: 'c', formId: 'hearing', formVersion: 1, hearingDate: '2026-11-20', answers: { summary_text: 'Sealed words' } };
const report = { formId: 'hearing', formVersion: 1, hearingDate: '2026-11-20', receivedAt: 'x', reviewStatus: 'received', observerCode: 'O1', observerName: 'N', concernCount: 0, answers: {} };
const bundleOf = (reports: SealedCaseBundle['reports']): SealedCaseBundle => ({
  case: { id: 'c', code: 'KG-1', court: 'Court', projectId: 'p', project: 'P' },
  reports,
  forms: [],
  decisions: [],
  assessments: [],
  recommendations: '',
});

/** Opening a sealed case bundle (src/core/seal/open-case-bundle.ts), as the export command does. */
describe('openCaseBundle', () => {
  it('puts each opened version where an open project has its answers, leaves readable ones alone, and tells progress', async () => {
    const key = await projectKey();
    const sealed = parseSealedBox((await sealReport(crypto, key.recipient, 'r1', 0, fields)).sealed);
    const steps: string[] = [];
    const opened = await openCaseBundle(crypto, key, bundleOf([{ ...report, id: 'r1', version: 1, sealed }, { ...report, id: 'r2', version: 1, answers: { summary_text: 'Readable' } }]), (done, total) => steps.push(`${done}/${total}`));
    expect(opened.reports.map((r) => [r.id, r.answers, 'sealed' in r])).toEqual([
      ['r1', { summary_text: 'Sealed words' }, false],
      ['r2', { summary_text: 'Readable' }, false],
    ]);
    expect(steps).toEqual(['1/1']);
  });

  it('refuses the whole bundle, naming every report, when a box was moved to another version or is for another key', async () => {
    const key = await projectKey();
    const moved = parseSealedBox((await sealReport(crypto, key.recipient, 'r1', 0, fields)).sealed);
    const other = parseSealedBox((await sealReport(crypto, (await projectKey()).recipient, 'r2', 0, fields)).sealed);
    const good = parseSealedBox((await sealReport(crypto, key.recipient, 'r3', 0, fields)).sealed);
    const failing = openCaseBundle(crypto, key, bundleOf([{ ...report, id: 'r1', version: 2, sealed: moved }, { ...report, id: 'r2', version: 1, sealed: other }, { ...report, id: 'r3', version: 1, sealed: good }]));
    await expect(failing).rejects.toThrow(UnopenedReportsError);
    await expect(failing).rejects.toMatchObject({ reportIds: ['r1', 'r2'] });
  });
});
