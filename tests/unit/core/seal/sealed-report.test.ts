import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../../src/core/seal/bytes.ts';
import { reportBinding } from '../../../../src/core/seal/bindings.ts';
import { sealBox } from '../../../../src/core/seal/envelope.ts';
import { exportPublicJwk, generateKeyPair, keyId } from '../../../../src/core/seal/keys.ts';
import { openReport, sealReport, sealedReportPlaintext } from '../../../../src/core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../../src/core/seal/web-crypto.ts';
import type { ReportFields } from '../../../../src/core/sync/protocol.ts';

const crypto: SealCrypto = globalThis.crypto;
const reportId = '7d1c0a52-8a1b-4a53-9f0e-0c2b0d1e2f30';
const fields: ReportFields = {
  projectId: '01900000-0000-7000-8000-000000000001',
  caseId: '01900000-0000-7000-8000-000000000002',
  formId: 'hearing',
  formVersion: 3,
  hearingDate: '2026-11-20',
  answers: { summary_text: 'Closed hearing.', monitors_admitted: 'no' },
  reason: 'A name was wrong.',
};

async function projectKey() {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  return { kid: await keyId(crypto, publicKey), publicKey, privateKey: pair.privateKey };
}

describe('a sealed report version', () => {
  it('carries the metadata in the clear and opens, as the version after its base, to the answers and the reason', async () => {
    const key = await projectKey();
    const sealed = await sealReport(crypto, key, reportId, 1, fields);
    expect({ ...sealed, sealed: undefined }).toEqual({ projectId: fields.projectId, caseId: fields.caseId, formId: 'hearing', formVersion: 3, hearingDate: '2026-11-20', sealed: undefined });
    expect(JSON.stringify(sealed)).not.toContain('Closed hearing');
    expect(await openReport(crypto, sealed.sealed, key.kid, key.privateKey, { reportId, version: 2, formId: 'hearing', formVersion: 3 })).toEqual({ answers: fields.answers, reason: fields.reason });
  });

  it('does not open when moved to another report, another version or another form version', async () => {
    const key = await projectKey();
    const { sealed } = await sealReport(crypto, key, reportId, 1, fields);
    const elsewhere = [
      { reportId: '00000000-0000-4000-8000-000000000000', version: 2, formId: 'hearing', formVersion: 3 },
      { reportId, version: 1, formId: 'hearing', formVersion: 3 },
      { reportId, version: 3, formId: 'hearing', formVersion: 3 },
      { reportId, version: 2, formId: 'hearing', formVersion: 2 },
      { reportId, version: 2, formId: 'court', formVersion: 3 },
    ];
    for (const at of elsewhere) await expect(openReport(crypto, sealed, key.kid, key.privateKey, at)).rejects.toThrow('seal_cannot_open');
  });

  it('seals one plaintext for one content, whatever order its keys were built in', () => {
    const reordered = { ...fields, answers: { monitors_admitted: 'no', summary_text: 'Closed hearing.' } };
    expect(sealedReportPlaintext(reordered)).toBe(sealedReportPlaintext(fields));
    expect(sealedReportPlaintext({ answers: fields.answers })).toBe('{"answers":{"monitors_admitted":"no","summary_text":"Closed hearing."}}');
  });

  it('refuses as malformed a box that opens to something other than a report', async () => {
    const key = await projectKey();
    const at = { reportId, version: 1, formId: 'hearing', formVersion: 3 };
    const notAReport = await sealBox(crypto, [key], utf8('{"answers":{"Bad Key":1}}'), reportBinding(reportId, 1, 'hearing', 3));
    await expect(openReport(crypto, notAReport, key.kid, key.privateKey, at)).rejects.toThrow('seal_malformed');
    const notJson = await sealBox(crypto, [key], utf8('answers'), reportBinding(reportId, 1, 'hearing', 3));
    await expect(openReport(crypto, notJson, key.kid, key.privateKey, at)).rejects.toThrow('seal_malformed');
  });
});
