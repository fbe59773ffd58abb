/**
 * Failed unlocks wait longer each time (SECURITY.md, Tella's audits): the first three tries are free (typos),
 * then 2 s, 4 s, 8 s ... up to 5 minutes between tries. With a 6-digit PIN that makes a million guesses in the
 * app take years; it does not slow someone who copies the files (docs/security.md says so).
 */
export interface Attempts {
  readonly failures: number;
  readonly lastFailureAt: number;
}

export const NO_ATTEMPTS: Attempts = { failures: 0, lastFailureAt: 0 };
const FREE_TRIES = 3;
const MAX_WAIT_MS = 5 * 60 * 1000;

/** How long to wait after `failures` failed tries in a row before the next one is accepted. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - FREE_TRIES + 1));
}

/** When the next try is accepted (ms since the epoch); at or before `now` means at once. */
export function nextTryAt(attempts: Attempts): number {
  return attempts.failures === 0 ? 0 : attempts.lastFailureAt + waitAfter(attempts.failures);
}

export function isAttempts(value: unknown): value is Attempts {
  return typeof value === 'object' && value !== null && Number.isInteger((value as Attempts).failures) && typeof (value as Attempts).lastFailureAt === 'number';
}
