/**
 * Locks after inactivity and after the app has been hidden too long. The clock is injected so tests drive time
 * without sleeping. Hidden time is measured on return as well as by a timer, because a phone suspends timers of
 * pages in the background.
 */
export interface LockClock {
  now(): number;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export const browserClock: LockClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle),
};

export class AutoLock {
  private lastActivity: number;
  private hiddenAt: number | undefined;
  private timer: number | undefined;
  private locked = false;

  constructor(
    private readonly limits: { readonly idleMs: number; readonly hiddenMs: number },
    private readonly onLock: () => void,
    private readonly clock: LockClock = browserClock,
  ) {
    this.lastActivity = clock.now();
    this.schedule(limits.idleMs);
  }

  /** A touch, a key, a scroll: the observer is using the app. */
  activity(): void {
    if (this.locked || this.hiddenAt !== undefined) return;
    this.lastActivity = this.clock.now();
    this.schedule(this.limits.idleMs);
  }

  hidden(): void {
    if (this.locked) return;
    this.hiddenAt = this.clock.now();
    this.schedule(this.limits.hiddenMs);
  }

  visible(): void {
    if (this.locked || this.hiddenAt === undefined) return;
    const away = this.clock.now() - this.hiddenAt;
    this.hiddenAt = undefined;
    if (away >= this.limits.hiddenMs) return this.lock();
    this.activity();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.locked = true;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = undefined;
    const now = this.clock.now();
    if (this.hiddenAt !== undefined ? now - this.hiddenAt >= this.limits.hiddenMs : now - this.lastActivity >= this.limits.idleMs) return this.lock();
    this.schedule(this.hiddenAt !== undefined ? this.limits.hiddenMs - (now - this.hiddenAt) : this.limits.idleMs - (now - this.lastActivity));
  }

  private lock(): void {
    this.stop();
    this.onLock();
  }
}
