import { describe, expect, it } from 'vitest';
import { backoffDelay, FIRST_RETRY_MS, MAX_RETRY_MS, MIN_RETRY_MS, retryCeiling } from '../../../src/app/sync/backoff.ts';

describe('backoff after failed syncs', () => {
  it('doubles the ceiling with each failure in a row, up to five minutes', () => {
    expect([1, 2, 3, 4].map(retryCeiling)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS, 8 * FIRST_RETRY_MS]);
    expect(retryCeiling(30)).toBe(MAX_RETRY_MS);
    expect(retryCeiling(1_000)).toBe(MAX_RETRY_MS);
  });

  it('spreads the wait over the whole range below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, () => 0.999_999)).toBe(Math.floor(0.999_999 * 4 * FIRST_RETRY_MS));
    expect(backoffDelay(3, () => 0.5)).toBe(2 * FIRST_RETRY_MS);
    expect(backoffDelay(3, () => 0.25)).toBe(FIRST_RETRY_MS);
  });

  it('never retries sooner than the floor, however the dice fall', () => {
    expect(backoffDelay(1, () => 0)).toBe(MIN_RETRY_MS);
    expect(backoffDelay(10, () => 0)).toBe(MIN_RETRY_MS);
  });

  it('uses the randomness: a thousand phones do not come back at one instant', () => {
    const delays = new Set(Array.from({ length: 1_000 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(900);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(MIN_RETRY_MS);
      expect(delay).toBeLessThan(retryCeiling(4));
    }
  });
});
