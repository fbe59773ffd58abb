import { uuidv7 } from 'uuidv7';
import { ApiFailure } from '../base/api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { pendingCount } from '../db/outbox.ts';
import { purgeSentReports } from '../db/purge-sent.ts';
import { readState } from '../db/state.ts';
import { createStore, type Store } from '../base/store.ts';
import { backoffDelay } from './backoff.ts';
import { browserSchedulerEnvironment, listenForWake, type SchedulerEnvironment, type TimerHandle } from './scheduler-environment.ts';
import type { SyncProgress } from './sync-once.ts';
import { withSyncLock } from './tab-lock.ts';

/**
 * What the sync loop is doing, in the terms the observer needs: a network problem (offline: nothing to
 * do but wait), a server in trouble (server-error: it will be retried), a refusal of the request itself
 * (refused: the server's reason is shown), a session that ended, or another tab doing the work.
 */
export type SyncPhase = 'idle' | 'syncing' | 'other-tab' | 'offline' | 'server-error' | 'unexpected' | 'refused' | 'signed-out' | 'revoked' | 'error';

export interface SyncStatus {
  readonly phase: SyncPhase;
  readonly pending: number;
  readonly lastSyncAt: string | undefined;
  readonly progress: SyncProgress | undefined;
  /** The last round's failure, which the screen puts in the reader's words (errorText); never shown as it is. */
  readonly failure: unknown;
  /** When the loop tries again by itself after a failure (ms since the epoch). */
  readonly nextRetryAt: number | undefined;
}

/** Writes come in bursts (every keystroke autosaves; a reply, a finalise): wait for the burst to end. */
export const AFTER_WRITE_MS = 1_500;
/** Another tab holds the lock: look again soon in case its round started before our write. */
export const OTHER_TAB_MS = 3_000;
export const PERIODIC_MS = 5 * 60_000;

/**
 * Owns when to sync (SYNC.md "Triggers"): on start, when the browser says it is online, when the app
 * becomes visible, shortly after a local write (debounced), and on a timer with exponential backoff and
 * full jitter after a failure, reset by a success. Only one tab syncs at a time (tab-lock.ts). Its clock,
 * timers, events and round come from `env` (the browser's unless a test gives its own).
 */
export class SyncScheduler {
  readonly status: Store<SyncStatus> = createStore<SyncStatus>({ phase: 'idle', pending: 0, lastSyncAt: undefined, progress: undefined, failure: undefined, nextRetryAt: undefined });
  readonly #tab = uuidv7();
  #timer: TimerHandle | undefined;
  /** When the planned round is due (ms since the epoch); meaningful while #timer is set. */
  #due = 0;
  #failures = 0;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  readonly #stop: (() => void)[] = [];

  constructor(
    private readonly db: DeviceDatabase,
    private readonly env: SchedulerEnvironment = browserSchedulerEnvironment(),
  ) {}

  start(): void {
    this.#stopped = false;
    this.#stop.push(listenForWake(this.env.wake, () => this.soon(0)));
    void this.refreshCounts();
    void this.purgeSent();
    this.soon(0);
  }

  stop(): void {
    this.#stopped = true;
    this.cancelPlanned();
    for (const stop of this.#stop.splice(0)) stop();
  }

  /** Call after every local write that queued something: a round follows within 1.5 s (a burst of writes shares it). */
  afterWrite(): void {
    void this.refreshCounts();
    this.soon(AFTER_WRITE_MS);
  }

  /** Sync now (the observer pressed "Sync now"), and wait for the round to end. */
  async now(): Promise<void> {
    this.#failures = 0;
    this.cancelPlanned();
    await this.run();
  }

  /**
   * Plans a round in `delay` ms, unless one is already planned sooner: a write's quick round must not be
   * pushed back by the periodic one that a round in progress plans as it ends (that lost a finalised
   * report's send for five minutes).
   */
  soon(delay: number): void {
    if (this.#stopped) return;
    const due = this.env.now() + delay;
    if (this.#timer !== undefined && due >= this.#due) return;
    this.cancelPlanned();
    this.#due = due;
    this.#timer = this.env.setTimer(() => {
      this.#timer = undefined;
      void this.run();
    }, delay);
  }

  private cancelPlanned(): void {
    this.env.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  async refreshCounts(): Promise<void> {
    const pending = await pendingCount(this.db);
    const last = await readState(this.db, 'lastSyncAt');
    this.update({ pending, lastSyncAt: typeof last === 'string' ? last : undefined });
  }

  /**
   * Deletes the contents of confirmed reports older than their project allows (db/purge-sent.ts), by this
   * scheduler's clock: on start and after every successful round. A failure keeps the words (the safe
   * side) and the next round tries again, so it does not stop the sync.
   */
  async purgeSent(): Promise<void> {
    await purgeSentReports(this.db, new Date(this.env.now())).catch(() => 0);
  }

  private update(change: Partial<SyncStatus>): void {
    this.status.set({ ...this.status.get(), ...change });
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
    const outcome = await withSyncLock(this.#tab, () => this.round(), this.env.locks);
    if (outcome === 'busy') {
      // The other tab sends this tab's writes too (one outbox). While anything waits, look again soon;
      // otherwise there is nothing to report, and the periodic round carries on.
      await this.refreshCounts();
      const waiting = this.status.get().pending > 0;
      this.update({ phase: waiting ? 'other-tab' : 'idle', progress: undefined });
      this.soon(waiting ? OTHER_TAB_MS : PERIODIC_MS);
    }
  }

  private async round(): Promise<void> {
    this.cancelPlanned();
    this.update({ phase: 'syncing', failure: undefined, nextRetryAt: undefined });
    try {
      await this.env.round(this.db, (progress) => this.update({ progress }));
      this.#failures = 0;
      // After a confirmed push (and a pull that may have changed the project's setting): leave less behind.
      await this.purgeSent();
      this.update({ phase: 'idle', progress: undefined });
      await this.refreshCounts();
      this.soon(PERIODIC_MS);
    } catch (error) {
      await this.refreshCounts().catch(() => undefined);
      const phase = phaseOf(error);
      if (phase === 'signed-out' || phase === 'revoked') {
        this.update({ phase, progress: undefined, failure: error, nextRetryAt: undefined });
        return; // waits for the observer to sign in again, or for a new enrolment
      }
      this.#failures += 1;
      const delay = backoffDelay(this.#failures, this.env.random);
      this.update({ phase, progress: undefined, failure: error, nextRetryAt: this.env.now() + delay });
      this.soon(delay);
    }
  }
}

function phaseOf(error: unknown): SyncPhase {
  if (!(error instanceof ApiFailure)) return 'error';
  if (error.code === 'device_revoked') return 'revoked';
  switch (error.kind) {
    case 'offline':
      return 'offline';
    case 'signed-out':
      return 'signed-out';
    case 'server':
      return 'server-error';
    // A captive portal's page or an answer of another shape: nothing was applied; tried again like a server in trouble.
    case 'unexpected':
      return 'unexpected';
    case 'refused':
      return 'refused';
  }
}
