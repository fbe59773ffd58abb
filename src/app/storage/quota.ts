import Dexie from 'dexie';

/**
 * Whether a failed write failed because the device is full. Browsers throw a DOMException named
 * QuotaExceededError; Dexie rewraps it (name Dexie.errnames.QuotaExceeded), and a transaction that a full disk
 * aborted surfaces as an AbortError whose `inner` error is the quota one. We look through every layer.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const name = (error as { name?: unknown }).name;
  if (name === 'QuotaExceededError' || name === Dexie.errnames.QuotaExceeded) return true;
  // Old WebKit reports code 22 with another name.
  if ((error as { code?: unknown }).code === 22) return true;
  return isQuotaError((error as { inner?: unknown }).inner, depth + 1);
}
