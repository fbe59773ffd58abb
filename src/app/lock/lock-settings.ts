/** The lock's settings. Kept readable on the device (the lock screen needs them before unlocking); they say nothing about anyone. */
export interface LockSettings {
  /** Lock after this long without a touch or key press. */
  readonly idleMinutes: number;
  /** Lock when the app has been in the background (another app, the screen off) for longer than this. */
  readonly hiddenSeconds: number;
  /** Wipe the device after this many failed unlocks in a row; 0 = never (the default: a child's or a thief's guesses would wipe unsent work). */
  readonly wipeAfter: 0 | 5 | 10 | 20;
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = { idleMinutes: 5, hiddenSeconds: 30, wipeAfter: 0 };
export const IDLE_CHOICES = [1, 2, 5, 10, 15, 30] as const;
export const HIDDEN_CHOICES = [0, 10, 30, 60, 300] as const;
export const WIPE_CHOICES = [0, 5, 10, 20] as const;

export function isLockSettings(value: unknown): value is LockSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (IDLE_CHOICES as readonly unknown[]).includes(v['idleMinutes']) && (HIDDEN_CHOICES as readonly unknown[]).includes(v['hiddenSeconds']) && (WIPE_CHOICES as readonly unknown[]).includes(v['wipeAfter'])
  );
}
