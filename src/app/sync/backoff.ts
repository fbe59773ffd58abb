/** The first retry waits up to 5 s; each failure doubles the ceiling, up to 5 minutes. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;
/** Never retry sooner than this: a zero delay would turn a broken server into a busy loop. */
export const MIN_RETRY_MS = 500;

/** The ceiling of the wait after `failures` failures in a row (1, 2, 3 ...): 5 s, 10 s, 20 s ... 5 min. */
export function retryCeiling(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * Exponential backoff with full jitter: a uniformly random wait between 0 and the ceiling. Spreading
 * the whole range (not +-50 %) is what keeps a hundred phones that lost the same court Wi-Fi from
 * returning in step when it comes back. `random` is injectable for tests.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  return Math.max(MIN_RETRY_MS, Math.floor(random() * retryCeiling(failures)));
}
