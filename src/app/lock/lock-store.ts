import { del, get, set } from 'idb-keyval';
import { isAttempts, NO_ATTEMPTS, type Attempts } from './attempts.ts';
import type { WrappedKey } from './crypto.ts';
import { DEFAULT_LOCK_SETTINGS, isLockSettings, type LockSettings } from './lock-settings.ts';

/**
 * What the lock keeps in idb-keyval: the wrapped data key (useless without the passphrase), the settings and
 * the failed-try count. Nothing in it names a person, a case or a court.
 */
const WRAPPED_KEY = 'lock-key';
const SETTINGS = 'lock-settings';
const ATTEMPTS = 'lock-attempts';

export function isWrappedKey(value: unknown): value is WrappedKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['version'] === 1 && v['salt'] instanceof Uint8Array && v['iv'] instanceof Uint8Array && v['wrapped'] instanceof Uint8Array && typeof v['iterations'] === 'number';
}

export async function loadWrappedKey(): Promise<WrappedKey | undefined> {
  const stored = await get<unknown>(WRAPPED_KEY);
  return isWrappedKey(stored) ? stored : undefined;
}

export function saveWrappedKey(key: WrappedKey): Promise<void> {
  return set(WRAPPED_KEY, key);
}

/** The first step of every wipe: without it, whatever the browser leaves on disk cannot be decrypted. */
export function destroyWrappedKey(): Promise<void> {
  return del(WRAPPED_KEY);
}

export async function loadLockSettings(): Promise<LockSettings> {
  const stored = await get<unknown>(SETTINGS);
  return isLockSettings(stored) ? stored : DEFAULT_LOCK_SETTINGS;
}

export function saveLockSettings(settings: LockSettings): Promise<void> {
  return set(SETTINGS, settings);
}

export async function loadAttempts(): Promise<Attempts> {
  const stored = await get<unknown>(ATTEMPTS);
  return isAttempts(stored) ? stored : NO_ATTEMPTS;
}

export function saveAttempts(attempts: Attempts): Promise<void> {
  return set(ATTEMPTS, attempts);
}
