import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isQuotaError } from '../../../src/app/storage/quota.ts';

describe('recognising a full disk', () => {
  it('sees the browser error, Dexie wrapping it, and an aborted transaction carrying it', () => {
    const browser = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(browser)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full', browser))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', browser))).toBe(true);
  });

  it('does not mistake other failures for it', () => {
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaError(new Dexie.ConstraintError('duplicate key'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});
