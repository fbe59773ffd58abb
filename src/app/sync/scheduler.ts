import { ApiFailure } from '../api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { pendingCount } from '../db/outbox.ts';
import { readState } from '../db/state.ts';
import { createStore, type Store } from '../store.ts';
import { syncOnce, type SyncProgress } from './sync-once.ts';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'signed-out' | 'revoked' | 'error';

export interface SyncStatus {
  readonly phase: SyncPhase;
  readonly pending: number;
  readonly lastSyncAt: string | undefined;
  readonly progress: SyncProgress | undefined;
  readonly message: string | undefined;
}

const AFTER_WRITE_MS = 1_500;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
const PERIODIC_MS = 5 * 60_000;

/**
 * Owns when to sync (SYNC.md "Triggers"): on start, when the browser says it is online, when the app
 * becomes visible, shortly after a local write, and on a timer with exponential backoff and jitter while
 * anything waits. Only one tab syncs at a time, through a Web Lock.
 */
export class SyncScheduler {
  readonly status: Store<SyncStatus> = createStore<SyncStatus>({ phase: 'idle', pending: 0, lastSyncAt: undefined, progress: undefined, message: undefined });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #running: Promise<void> | undefined;
  #again = false;
  readonly #stop: (() => void)[] = [];

  constructor(private readonly db: DeviceDatabase) {}

  start(): void {
    const onOnline = (): void => this.soon(0);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') this.soon(0);
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    this.#stop.push(() => window.removeEventListener('online', onOnline), () => document.removeEventListener('visibilitychange', onVisible));
    void this.refreshCounts();
    this.soon(0);
  }

  stop(): void {
    clearTimeout(this.#timer);
    for (const stop of this.#stop.splice(0)) stop();
  }

  /** Call after every local write that queued something. */
  afterWrite(): void {
    void this.refreshCounts();
    this.soon(AFTER_WRITE_MS);
  }

  /** Sync now (the observer pressed "Sync now"), and wait for the round to end. */
  async now(): Promise<void> {
    this.#failures = 0;
    clearTimeout(this.#timer);
    await this.run();
  }

  soon(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), delay);
  }

  async refreshCounts(): Promise<void> {
    const pending = await pendingCount(this.db);
    const last = await readState(this.db, 'lastSyncAt');
    this.status.set({ ...this.status.get(), pending, lastSyncAt: typeof last === 'string' ? last : undefined });
  }

  private async run(): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.withLock().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.soon(0);
      }
    });
    return this.#running;
  }

  private async withLock(): Promise<void> {
    // Other tabs of this app share the database; one round at a time among them all.
    if ('locks' in navigator) {
      await navigator.locks.request('trial-monitor-sync', { ifAvailable: true }, async (lock) => {
        if (lock === null) return;
        await this.round();
      });
    } else {
      await this.round();
    }
  }

  private async round(): Promise<void> {
    clearTimeout(this.#timer);
    this.status.set({ ...this.status.get(), phase: 'syncing', message: undefined });
    try {
      await syncOnce(this.db, (progress) => this.status.set({ ...this.status.get(), progress }));
      this.#failures = 0;
      this.status.set({ ...this.status.get(), phase: 'idle', progress: undefined });
      await this.refreshCounts();
      this.#timer = setTimeout(() => void this.run(), PERIODIC_MS);
    } catch (error) {
      await this.refreshCounts();
      const phase: SyncPhase =
        error instanceof ApiFailure
          ? error.kind === 'offline'
            ? 'offline'
            : error.code === 'device_revoked'
              ? 'revoked'
              : error.kind === 'signed-out'
                ? 'signed-out'
                : 'error'
          : 'error';
      const message = error instanceof Error ? error.message : String(error);
      this.status.set({ ...this.status.get(), phase, progress: undefined, message });
      if (phase === 'signed-out' || phase === 'revoked') return; // waits for the observer to sign in (or sync by hand)
      this.#failures += 1;
      this.#timer = setTimeout(() => void this.run(), backoff(this.#failures));
    }
  }
}

/** 5 s, 10 s, 20 s ... up to 5 minutes, each spread by +-50 % so phones do not return in step. */
export function backoff(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random()));
}
