import { clear } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTryAt, waitAfter } from '../../../src/app/lock/attempts.ts';
import { AutoLock, type LockClock } from '../../../src/app/lock/auto-lock.ts';
import { createDataKey, open, PBKDF2_ITERATIONS, rewrapDataKey, seal, unwrapDataKey, WrongPassphrase } from '../../../src/app/lock/crypto.ts';
import { loadAttempts, saveLockSettings, saveWrappedKey } from '../../../src/app/lock/lock-store.ts';
import { checkPassphrase } from '../../../src/app/lock/passphrase-rules.ts';
import { confirmPassphrase, tryUnlock } from '../../../src/app/lock/unlock.ts';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
class ManualClock implements LockClock {
  private time = 1_000_000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): number {
    this.timers.set(this.next, { at: this.time + ms, run });
    return this.next++;
  }
  clearTimeout(handle: number): void {
    this.timers.delete(handle);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = end;
  }
}

describe('the data key', () => {
  it('is wrapped with PBKDF2-SHA-256 at 600,000 iterations, unwraps only with the passphrase, and never leaves as bytes', async () => {
    const { stored, key } = await createDataKey('correct horse');
    expect(stored.iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(unwrapDataKey(stored, 'wrong horse')).rejects.toBeInstanceOf(WrongPassphrase);
    const again = await unwrapDataKey(stored, 'correct horse');
    const sealed = await seal(key, new TextEncoder().encode('words'), 'cases\u0000"1"');
    expect(new TextDecoder().decode(await open(again, sealed, 'cases\u0000"1"'))).toBe('words');

    // A new passphrase wraps the same key: what was encrypted stays readable, the old passphrase stops working.
    const rewrapped = await rewrapDataKey(stored, 'correct horse', 'battery staple');
    await expect(unwrapDataKey(rewrapped, 'correct horse')).rejects.toBeInstanceOf(WrongPassphrase);
    expect(new TextDecoder().decode(await open(await unwrapDataKey(rewrapped, 'battery staple'), sealed, 'cases\u0000"1"'))).toBe('words');
    await expect(rewrapDataKey(stored, 'not it', 'x')).rejects.toBeInstanceOf(WrongPassphrase);
  });
});

describe('the passphrase rules', () => {
  it('take a passphrase of 8 characters or a PIN of 6 digits, and flag the PIN', () => {
    expect(checkPassphrase('12345', '12345')).toEqual({ ok: false, problem: 'pin_too_short' });
    expect(checkPassphrase('123456', '123456')).toEqual({ ok: true, pin: true });
    expect(checkPassphrase('short', 'short')).toEqual({ ok: false, problem: 'too_short' });
    expect(checkPassphrase('long enough', 'long enougH')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkPassphrase('long enough', 'long enough')).toEqual({ ok: true, pin: false });
  });
});

describe('failed unlocks', () => {
  beforeEach(async () => {
    await clear();
  });

  it('wait longer each time after three free tries', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(waitAfter)).toEqual([0, 0, 0, 2000, 4000, 8000, 16000]);
    expect(waitAfter(40)).toBe(5 * 60 * 1000);
    expect(nextTryAt({ failures: 4, lastFailureAt: 10_000 })).toBe(14_000);
  });

  it('never unlock with a wrong passphrase, refuse tries before the wait is over, and count across reloads', async () => {
    const { stored } = await createDataKey('the right one');
    await saveWrappedKey(stored);
    let now = 0;
    let wiped = 0;
    const deps = { now: () => now, wipe: () => Promise.resolve(void (wiped += 1)) };
    for (let i = 1; i <= 3; i += 1) expect(await tryUnlock('nope', deps)).toMatchObject({ kind: 'wrong', failures: i });
    expect((await loadAttempts()).failures).toBe(3);
    // Too early: not even checked, the right passphrase included.
    now = 1999;
    expect(await tryUnlock('the right one', deps)).toEqual({ kind: 'wait', nextTryAt: 2000 });
    now = 2000;
    const unlocked = await tryUnlock('the right one', deps);
    expect(unlocked.kind).toBe('unlocked');
    expect((await loadAttempts()).failures).toBe(0);
    expect(wiped).toBe(0);
    // Changing a setting asks for the passphrase; a wrong one there is not an unlock try.
    expect(await confirmPassphrase('nope')).toBe(false);
    expect(await confirmPassphrase('the right one')).toBe(true);
    expect((await loadAttempts()).failures).toBe(0);
  });

  it('wipe the device at the chosen number of failures, and only when that setting is on', async () => {
    const { stored } = await createDataKey('the right one');
    await saveWrappedKey(stored);
    await saveLockSettings({ idleMinutes: 5, hiddenSeconds: 30, wipeAfter: 5 });
    let now = 0;
    let wiped = 0;
    const deps = { now: () => now, wipe: () => Promise.resolve(void (wiped += 1)) };
    for (let i = 1; i <= 4; i += 1) {
      expect((await tryUnlock('nope', deps)).kind).toBe('wrong');
      now += 60_000;
    }
    expect(wiped).toBe(0);
    expect(await tryUnlock('nope', deps)).toEqual({ kind: 'wiped' });
    expect(wiped).toBe(1);
  });
});

describe('auto-lock', () => {
  it('locks after the idle time, each touch starting it again', () => {
    const clock = new ManualClock();
    let locks = 0;
    const auto = new AutoLock({ idleMs: 5 * 60_000, hiddenMs: 30_000 }, () => (locks += 1), clock);
    clock.advance(4 * 60_000);
    auto.activity();
    clock.advance(4 * 60_000);
    expect(locks).toBe(0);
    clock.advance(60_000);
    expect(locks).toBe(1);
    clock.advance(60 * 60_000);
    expect(locks).toBe(1);
  });

  it('locks when hidden longer than the setting, by its timer or on return if timers were suspended', () => {
    const clock = new ManualClock();
    let locks = 0;
    const auto = new AutoLock({ idleMs: 5 * 60_000, hiddenMs: 30_000 }, () => (locks += 1), clock);
    auto.hidden();
    clock.advance(20_000);
    auto.visible();
    expect(locks).toBe(0);
    auto.hidden();
    clock.advance(30_000);
    expect(locks).toBe(1);

    // A suspended page: no timer ran, the return finds it was away too long.
    const frozen = new ManualClock();
    let frozenLocks = 0;
    const other = new AutoLock({ idleMs: 5 * 60_000, hiddenMs: 30_000 }, () => (frozenLocks += 1), { now: () => frozen.now(), setTimeout: () => 0, clearTimeout: () => undefined });
    other.hidden();
    frozen.advance(31_000);
    other.visible();
    expect(frozenLocks).toBe(1);
  });
});
