import { nextTryAt, type Attempts } from './attempts.ts';
import { unwrapDataKey, WrongPassphrase } from './crypto.ts';
import { loadAttempts, loadLockSettings, loadWrappedKey, saveAttempts } from './lock-store.ts';
import { wipeDevice } from './wipe.ts';

export type UnlockResult =
  | { readonly kind: 'unlocked'; readonly key: CryptoKey }
  /** Wrong passphrase; the next try is accepted from `nextTryAt`. */
  | { readonly kind: 'wrong'; readonly nextTryAt: number; readonly failures: number }
  /** Too soon after a failed try: not even checked. */
  | { readonly kind: 'wait'; readonly nextTryAt: number }
  /** The wipe-after-failures setting was reached, or there is no key to unlock: the device was wiped. */
  | { readonly kind: 'wiped' };

export interface UnlockDependencies {
  readonly now: () => number;
  readonly wipe: () => Promise<void>;
}

const browser: UnlockDependencies = { now: () => Date.now(), wipe: wipeDevice };

/**
 * One try at the lock screen. The failed-try count is stored before the answer is given, so reloading the
 * page neither resets the wait nor the count towards wipe-after-failures.
 */
export async function tryUnlock(passphrase: string, deps: UnlockDependencies = browser): Promise<UnlockResult> {
  const stored = await loadWrappedKey();
  if (stored === undefined) return { kind: 'wiped' };
  const attempts = await loadAttempts();
  const allowedAt = nextTryAt(attempts);
  if (deps.now() < allowedAt) return { kind: 'wait', nextTryAt: allowedAt };
  try {
    const key = await unwrapDataKey(stored, passphrase);
    await saveAttempts({ failures: 0, lastFailureAt: 0 });
    return { kind: 'unlocked', key };
  } catch (error) {
    if (!(error instanceof WrongPassphrase)) throw error;
    const failed: Attempts = { failures: attempts.failures + 1, lastFailureAt: deps.now() };
    await saveAttempts(failed);
    const { wipeAfter } = await loadLockSettings();
    if (wipeAfter > 0 && failed.failures >= wipeAfter) {
      await deps.wipe();
      return { kind: 'wiped' };
    }
    return { kind: 'wrong', nextTryAt: nextTryAt(failed), failures: failed.failures };
  }
}

/** Checks the passphrase without counting a failure as an unlock try: changing security settings asks for it again. */
export async function confirmPassphrase(passphrase: string): Promise<boolean> {
  const stored = await loadWrappedKey();
  if (stored === undefined) return false;
  return unwrapDataKey(stored, passphrase).then(
    () => true,
    (error: unknown) => {
      if (error instanceof WrongPassphrase) return false;
      throw error;
    },
  );
}
