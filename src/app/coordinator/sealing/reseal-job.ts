/**
 * The re-seal job (issue 11 part 5; src/core/api/reseal.ts): in the coordinator's browser, with the
 * project key unlocked, every readable report version the server still stores is sealed to the project's
 * public key and sent back, a page at a time, until none is left. The server keeps no job: what is left
 * is what is still readable, so the job is resumed after a reload (or a lost connection) by running it
 * again. A version that changed while it was being sealed is read again on the next pass.
 */
import type { ResealCounts, ResealInput, ResealPage, ResealResult } from '../../../core/api/reseal.ts';
import type { Recipient } from '../../../core/seal/envelope.ts';
import { sealVersion } from '../../../core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../core/seal/web-crypto.ts';

/** The two routes, as the screen calls them (and the tests, against a real server). */
export interface ResealApi {
  readonly page: (after: string | undefined) => Promise<ResealPage>;
  readonly post: (input: ResealInput) => Promise<ResealResult>;
}

/** Passes over what is left: a version that changes while the job runs is sealed on the next one. */
const MAX_PASSES = 3;

/**
 * Runs the job until no readable version is left (or `stop` says so after a post: the screen's button, a
 * test's half-done job). Reports the server's counts after each page. Answers the counts at the end.
 */
export async function runReseal(crypto: SealCrypto, projectKey: Recipient, api: ResealApi, onProgress: (counts: ResealCounts) => void, stop: () => boolean = () => false): Promise<ResealCounts> {
  let counts: ResealCounts | undefined;
  for (let pass = 0; pass < MAX_PASSES && counts?.readable !== 0; pass += 1) {
    let after: string | undefined;
    do {
      const page = await api.page(after);
      counts = page.counts;
      onProgress(counts);
      if (page.versions.length === 0) break;
      const versions = await Promise.all(
        page.versions.map(async (version) => ({
          reportId: version.reportId,
          version: version.version,
          formId: version.formId,
          formVersion: version.formVersion,
          contentHash: version.contentHash,
          sealed: await sealVersion(crypto, projectKey, version, version.reason === null ? { answers: version.answers } : { answers: version.answers, reason: version.reason }),
        })),
      );
      counts = (await api.post({ versions })).counts;
      onProgress(counts);
      if (stop()) return counts;
      after = page.next ?? undefined;
    } while (after !== undefined);
  }
  return counts ?? { readable: 0, total: 0 };
}
