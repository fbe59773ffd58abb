import type { DeviceDatabase } from '../db/database.ts';
import type { SyncProgress } from './sync-once.ts';
import { browserLockEnvironment, type LockEnvironment } from './tab-lock.ts';

/** A planned round, as `setTimer` returned it. */
export type TimerHandle = ReturnType<typeof setTimeout>;

/** What the page hears that is worth a round at once: the browser is online again, the app became visible. */
export interface WakeSources {
  readonly window: EventTarget;
  readonly document: EventTarget & { readonly visibilityState: string };
}

/**
 * Everything the sync scheduler takes from the world, so that it can be run on an injected clock with
 * fake timers, fake events and a fake round (tests/unit/app/sync-scheduler.test.ts). The app uses the
 * browser's (browserSchedulerEnvironment).
 */
export interface SchedulerEnvironment {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly setTimer: (run: () => void, delay: number) => TimerHandle;
  readonly clearTimer: (timer: TimerHandle | undefined) => void;
  /** The dice of the backoff's full jitter, in [0, 1). */
  readonly random: () => number;
  readonly wake: WakeSources;
  readonly locks: LockEnvironment;
  /** One sync round (syncOnce). */
  readonly round: (db: DeviceDatabase, onProgress: (progress: SyncProgress) => void) => Promise<void>;
}

export function browserSchedulerEnvironment(): SchedulerEnvironment {
  return {
    now: () => Date.now(),
    setTimer: (run, delay) => setTimeout(run, delay),
    clearTimer: (timer) => clearTimeout(timer),
    random: Math.random,
    wake: { window, document },
    locks: browserLockEnvironment(),
    // A chunk of its own (the protocol, its schemas, applying changes): fetched for the first round, which
    // starts after the first screen is painted, so it is not part of the first load.
    round: async (db, onProgress) => (await import('./sync-once.ts')).syncOnce(db, onProgress),
  };
}

/** Calls `listener` when the browser comes online or the app becomes visible; returns what stops listening. */
export function listenForWake(sources: WakeSources, listener: () => void): () => void {
  const onOnline = (): void => listener();
  const onVisible = (): void => {
    if (sources.document.visibilityState === 'visible') listener();
  };
  sources.window.addEventListener('online', onOnline);
  sources.document.addEventListener('visibilitychange', onVisible);
  return () => {
    sources.window.removeEventListener('online', onOnline);
    sources.document.removeEventListener('visibilitychange', onVisible);
  };
}
