import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src/app/base/api/client.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { FIRST_RETRY_MS, MAX_RETRY_MS, MIN_RETRY_MS } from '../../../src/app/sync/backoff.ts';
import type { SchedulerEnvironment, TimerHandle } from '../../../src/app/sync/scheduler-environment.ts';
import { AFTER_WRITE_MS, OTHER_TAB_MS, PERIODIC_MS, SyncScheduler } from '../../../src/app/sync/scheduler.ts';
import { testDataKey } from '../../helpers/data-key.ts';

/**
 * The sync scheduler on an injected clock: a fake clock whose timers run only when the test moves it,
 * events dispatched by hand, and a round that ends as the test scripts it (ok, failed, or held open
 * until released). The scheduler's own reads of the outbox run on fake-indexeddb; the clock waits for
 * them before it moves on, so a timer planned after such a read lands at the moment it was planned.
 */
type Outcome = 'ok' | 'offline' | 'hold';

interface Harness {
  readonly scheduler: SyncScheduler;
  /** When each round started, in ms after the test's start. */
  readonly starts: number[];
  /** When the scheduler asked for the sync lock, in ms after the test's start. */
  readonly tries: number[];
  /** What the next rounds do, in order; 'ok' once the list is used up. */
  readonly script: Outcome[];
  /** The dice the backoff rolls, in order; the last one repeats. */
  readonly dice: number[];
  readonly setVisibility: (state: 'visible' | 'hidden') => void;
  readonly goOnline: () => void;
  /** Ends the round held open ('hold'), successfully. */
  readonly release: () => void;
  readonly mostAtOnce: () => number;
}

const T0 = Date.parse('2026-12-02T10:00:00.000Z');

/** fake-indexeddb's tasks still waiting to run (it schedules each with setImmediate, counted here). */
let tasksWaiting = 0;
const realSetImmediate = globalThis.setImmediate;

/** Lets every started IndexedDB request and the promises it settles run to the end. */
async function settle(): Promise<void> {
  do await new Promise((resolve) => realSetImmediate(resolve));
  while (tasksWaiting > 0);
}

class FakeClock {
  now = T0;
  #timers = new Map<number, { at: number; run: () => void }>();
  #next = 1;

  setTimer = (run: () => void, delay: number): TimerHandle => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + delay, run });
    return id as unknown as TimerHandle;
  };

  clearTimer = (timer: TimerHandle | undefined): void => {
    this.#timers.delete(timer as unknown as number);
  };

  /** Moves to `ms` after the test's start, running each timer due at its own moment, in order. */
  async at(ms: number): Promise<void> {
    await settle();
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= T0 + ms).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
      await settle();
    }
    this.now = T0 + ms;
  }
}

let db: DeviceDatabase;
let dbCount = 0;
let clock: FakeClock;

beforeEach(async () => {
  globalThis.setImmediate = Object.assign(
    (run: () => void) => {
      tasksWaiting += 1;
      return realSetImmediate(() => {
        tasksWaiting -= 1;
        run();
      });
    },
    { __promisify__: realSetImmediate.__promisify__ },
  ) as typeof setImmediate;
  clock = new FakeClock();
  db = new DeviceDatabase(`scheduler-${++dbCount}`, await testDataKey());
  await db.open();
});

afterEach(async () => {
  globalThis.setImmediate = realSetImmediate;
  await db.delete();
});

const at = (ms: number): Promise<void> => clock.at(ms);

function harness(options: { otherTabSyncing?: boolean } = {}): Harness {
  const starts: number[] = [];
  const tries: number[] = [];
  const script: Outcome[] = [];
  const dice: number[] = [0.5];
  let held: (() => void) | undefined;
  let active = 0;
  let most = 0;
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const env: SchedulerEnvironment = {
    now: () => clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    random: () => (dice.length > 1 ? (dice.shift() ?? 0) : (dice[0] ?? 0)),
    wake: { window, document },
    // Web Locks as a browser gives them; "another tab syncing" is a lock that is never available.
    locks: {
      locks: {
        request: async (_name, _options, callback) => {
          tries.push(clock.now - T0);
          await callback(options.otherTabSyncing === true ? null : {});
        },
      },
      storage: undefined,
      now: () => clock.now,
    },
    round: async () => {
      starts.push(clock.now - T0);
      active += 1;
      most = Math.max(most, active);
      try {
        const outcome = script.shift() ?? 'ok';
        if (outcome === 'offline') throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
        if (outcome === 'hold') await new Promise<void>((resolve) => (held = resolve));
      } finally {
        active -= 1;
      }
    },
  };
  return {
    scheduler: new SyncScheduler(db, env),
    starts,
    tries,
    script,
    dice,
    setVisibility: (state) => {
      document.visibilityState = state;
      document.dispatchEvent(new Event('visibilitychange'));
    },
    goOnline: () => window.dispatchEvent(new Event('online')),
    release: () => {
      const resolve = held;
      held = undefined;
      resolve?.();
    },
    mostAtOnce: () => most,
  };
}

describe('the sync scheduler', () => {
  it('syncs on start, then every five minutes after a round ends', async () => {
    const { scheduler, starts } = harness();
    scheduler.start();
    await at(0);
    expect(starts).toEqual([0]);
    await at(PERIODIC_MS - 1);
    expect(starts).toEqual([0]);
    await at(PERIODIC_MS);
    expect(starts).toEqual([0, PERIODIC_MS]);
    await at(2 * PERIODIC_MS);
    expect(starts).toEqual([0, PERIODIC_MS, 2 * PERIODIC_MS]);
    scheduler.stop();
  });

  it('syncs at once when the browser comes online or the app becomes visible, not when it is hidden, and not after stop', async () => {
    const { scheduler, starts, goOnline, setVisibility } = harness();
    scheduler.start();
    await at(10_000);
    goOnline();
    await at(10_000);
    expect(starts).toEqual([0, 10_000]);
    await at(20_000);
    setVisibility('hidden');
    await at(30_000);
    expect(starts).toEqual([0, 10_000]);
    setVisibility('visible');
    await at(30_000);
    expect(starts).toEqual([0, 10_000, 30_000]);
    scheduler.stop();
    goOnline();
    setVisibility('visible');
    await at(3 * PERIODIC_MS);
    expect(starts).toEqual([0, 10_000, 30_000]);
  });

  it('sends a write within 1.5 s, and a burst of writes shares one round', async () => {
    const { scheduler, starts } = harness();
    scheduler.start();
    await at(60_000);
    scheduler.afterWrite();
    await at(60_500);
    scheduler.afterWrite();
    await at(61_000);
    scheduler.afterWrite();
    await at(60_000 + AFTER_WRITE_MS - 1);
    expect(starts).toEqual([0]);
    await at(60_000 + AFTER_WRITE_MS);
    expect(starts).toEqual([0, 60_000 + AFTER_WRITE_MS]);
    // The burst's later writes were carried by that round: the next is the periodic one.
    await at(60_000 + AFTER_WRITE_MS + PERIODIC_MS - 1);
    expect(starts).toHaveLength(2);
    scheduler.stop();
  });

  it('backs off after failures with full jitter, its ceiling doubling from 5 s to 5 min, and a success resets it', async () => {
    const { scheduler, starts, script, dice } = harness();
    // Dice just below 1: each wait is just below its ceiling.
    dice.splice(0, dice.length, 0.999_999);
    script.push(...Array<Outcome>(9).fill('offline'), 'ok', 'offline');
    scheduler.start();
    await at(0);
    const ceilings = [1, 2, 4, 8, 16, 32, 60, 60, 60].map((k) => Math.min(MAX_RETRY_MS, k * FIRST_RETRY_MS));
    let now = 0;
    for (const ceiling of ceilings) {
      expect(scheduler.status.get()).toMatchObject({ phase: 'offline', nextRetryAt: T0 + now + Math.floor(0.999_999 * ceiling) });
      now += Math.floor(0.999_999 * ceiling);
      await at(now - 1);
      expect(starts.at(-1)).toBeLessThan(now);
      await at(now);
      expect(starts.at(-1)).toBe(now);
    }
    // The tenth round succeeds: back to the periodic round, and the next failure waits below 5 s again.
    expect(scheduler.status.get().phase).toBe('idle');
    await at(now + PERIODIC_MS);
    expect(starts.at(-1)).toBe(now + PERIODIC_MS);
    expect(scheduler.status.get().nextRetryAt).toBe(T0 + now + PERIODIC_MS + Math.floor(0.999_999 * FIRST_RETRY_MS));
    scheduler.stop();
  });

  it('spreads the wait over the whole range below the ceiling, never below the floor', async () => {
    const { scheduler, starts, script, dice } = harness();
    dice.splice(0, dice.length, 0.5, 0.25, 0, 0);
    script.push('offline', 'offline', 'offline');
    scheduler.start();
    await at(2_500 + 2_500 + MIN_RETRY_MS);
    // Half of 5 s, a quarter of 10 s, then the floor instead of no wait at all.
    expect(starts).toEqual([0, 2_500, 5_000, 5_000 + MIN_RETRY_MS]);
    scheduler.stop();
  });

  it('never runs two rounds at once: what asks for a round while one runs gets one more round after it', async () => {
    const { scheduler, starts, script, release, goOnline, setVisibility, mostAtOnce } = harness();
    script.push('hold');
    scheduler.start();
    await at(1_000);
    goOnline();
    setVisibility('visible');
    scheduler.afterWrite();
    const pressed = scheduler.now();
    await at(60_000);
    expect(starts).toEqual([0]);
    release();
    await pressed;
    await at(60_000);
    expect(starts).toEqual([0, 60_000]);
    await at(60_000 + PERIODIC_MS - 1);
    expect(starts).toHaveLength(2);
    expect(mostAtOnce()).toBe(1);
    scheduler.stop();
  });

  it('a write just before a round ends still gets its round within 1.5 s, not the periodic one the finishing round plans (ce709bd)', async () => {
    const { scheduler, starts, script, release } = harness();
    script.push('hold');
    scheduler.start();
    await at(1_000);
    scheduler.afterWrite();
    await at(1_200);
    release();
    await at(1_200);
    expect(starts).toEqual([0]);
    await at(1_000 + AFTER_WRITE_MS);
    expect(starts).toEqual([0, 1_000 + AFTER_WRITE_MS]);
    scheduler.stop();
  });

  it('while another tab syncs, looks again in 3 s if something waits to be sent, else keeps to the periodic round', async () => {
    const { scheduler, starts, tries } = harness({ otherTabSyncing: true });
    scheduler.start();
    await at(60_000);
    // The lock was busy and nothing waits: no round here, and the next look is the periodic one.
    expect(tries).toEqual([0]);
    expect(scheduler.status.get().phase).toBe('idle');
    await db.outbox.add({ seq: 1, entity: 'comment', id: 'c1', baseVersion: 0, payload: { reportId: 'r1', body: 'A reply.' }, createdAt: new Date(T0).toISOString() });
    scheduler.afterWrite();
    const written = 60_000 + AFTER_WRITE_MS;
    await at(written + 2 * OTHER_TAB_MS);
    expect(tries).toEqual([0, written, written + OTHER_TAB_MS, written + 2 * OTHER_TAB_MS]);
    expect(scheduler.status.get()).toMatchObject({ phase: 'other-tab', pending: 1 });
    expect(starts).toEqual([]);
    scheduler.stop();
  });
});

describe('the sync scheduler leaves less behind', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const PROJECT = '01900000-0000-7000-8000-000000000001';
  /** A report the server confirmed `daysAgo` days before the test's start. */
  const confirmed = (id: string, daysAgo: number) => {
    const at = new Date(T0 - daysAgo * DAY).toISOString();
    return db.reports.put({ id, projectId: PROJECT, caseId: 'c', formId: 'hearing', formVersion: 1, status: 'final', answers: { summary_text: 'words' }, createdAt: at, updatedAt: at, serverVersion: 1, sync: 'sent', confirmedAt: at });
  };

  it('purges confirmed reports past the default seven days on start, and others after a later round, by its own clock', async () => {
    await confirmed('old', 8);
    await confirmed('recent', 6);
    const { scheduler } = harness();
    scheduler.start();
    await at(0);
    expect((await db.reports.get('old'))?.purgedAt).toBe(new Date(T0).toISOString());
    expect((await db.reports.get('recent'))?.answers).toEqual({ summary_text: 'words' });
    scheduler.stop();

    clock.now = T0 + 1 * DAY;
    await scheduler.now();
    expect((await db.reports.get('recent'))?.purgedAt).toBe(new Date(T0 + DAY).toISOString());
    expect((await db.reports.get('recent'))?.answers).toEqual({});
  });
});
