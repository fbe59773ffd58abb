import type { SealedBox } from '../../../core/seal/envelope.ts';
import { openReport, type SealedReportContent, type SealedVersionAddress } from '../../../core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../core/seal/web-crypto.ts';
import type { UnlockedKey } from './key-flow.ts';

/** A stored sealed version where the server files it, with its box. */
export interface SealedVersion extends SealedVersionAddress {
  readonly sealed: SealedBox;
}

/**
 * How many boxes are opened at once: enough to keep WebCrypto busy, few enough that the page hears
 * progress every batch and stays responsive while a thousand reports are opened.
 */
const BATCH = 50;

/**
 * Opens many sealed versions with the project key, in batches, telling `progress` how many are done.
 * Each box is opened for the report, version and form the server files it under; one that does not
 * open (altered, moved, sealed to another key, not a report's content) is `undefined` in the answer and
 * never stops the others.
 */
export async function openVersions(
  crypto: SealCrypto,
  versions: readonly SealedVersion[],
  key: UnlockedKey,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<Map<string, SealedReportContent | undefined>> {
  const opened = new Map<string, SealedReportContent | undefined>();
  progress(0, versions.length);
  for (let start = 0; start < versions.length; start += BATCH) {
    const batch = versions.slice(start, start + BATCH);
    const contents = await Promise.all(batch.map((at) => openReport(crypto, at.sealed, key.kid, key.privateKey, at).catch(() => undefined)));
    batch.forEach((at, i) => opened.set(at.reportId, contents[i]));
    progress(start + batch.length, versions.length);
  }
  return opened;
}
