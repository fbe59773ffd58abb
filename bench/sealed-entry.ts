/**
 * The page side of bench/sealed.ts, bundled by esbuild: the product's own sealReport (src/core/seal) on a
 * hearing report as an observer fills it, timed in the page.
 */
import { exportPublicJwk, generateKeyPair, keyId } from '../src/core/seal/keys.ts';
import { sealReport } from '../src/core/seal/sealed-report.ts';
import type { SealCrypto } from '../src/core/seal/web-crypto.ts';
import { hearingReportAnswers } from '../tests/helpers/http-device.ts';

const crypto: SealCrypto = globalThis.crypto;

async function timeSealing(runs: number): Promise<number[]> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  const key = { kid: await keyId(crypto, publicKey), publicKey };
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const fields = {
      projectId: '01900000-0000-7000-8000-000000000001',
      caseId: '01900000-0000-7000-8000-000000000002',
      formId: 'hearing',
      formVersion: 1,
      hearingDate: '2026-11-20',
      answers: hearingReportAnswers(i),
      reason: 'The second witness was named wrongly.',
    };
    const start = performance.now();
    await sealReport(crypto, key, '01900000-0000-7000-8000-000000000003', 0, fields);
    times.push(performance.now() - start);
  }
  return times;
}

(globalThis as { timeSealing?: typeof timeSealing }).timeSealing = timeSealing;
