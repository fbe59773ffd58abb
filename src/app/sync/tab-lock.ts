/** Where one sync round may run: the whole app shares one device database, so one tab at a time. */
export type LockOutcome = 'ran' | 'busy';

export const LOCK_NAME = 'trial-monitor-sync';
const LEASE_KEY = 'trial-monitor-sync-lease';
/** A lease older than this belongs to a tab that died mid-round; it no longer blocks the others. */
export const LEASE_MS = 2 * 60_000;

interface LockManagerLike {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LockEnvironment {
  readonly locks: LockManagerLike | undefined;
  readonly storage: StorageLike | undefined;
  readonly now: () => number;
}

export function browserLockEnvironment(): LockEnvironment {
  return {
    locks: 'locks' in navigator ? navigator.locks : undefined,
    storage: typeof localStorage === 'undefined' ? undefined : localStorage,
    now: () => Date.now(),
  };
}

/**
 * Runs `round` only if no other tab is syncing, else returns 'busy' at once (the other tab's round
 * sends this tab's writes too: they share the outbox). Web Locks when the browser has them; otherwise a
 * lease in localStorage. The lease is not atomic, so two tabs may rarely both push: harmless, because
 * the server skips every seq it has already applied (SYNC.md), it only costs one request.
 */
export async function withSyncLock(owner: string, round: () => Promise<void>, env: LockEnvironment): Promise<LockOutcome> {
  if (env.locks !== undefined) {
    let outcome: LockOutcome = 'busy';
    await env.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock === null) return;
      outcome = 'ran';
      await round();
    });
    return outcome;
  }
  if (env.storage === undefined) {
    await round();
    return 'ran';
  }
  const storage = env.storage;
  const held = readLease(storage.getItem(LEASE_KEY));
  if (held !== undefined && held.owner !== owner && held.until > env.now()) return 'busy';
  storage.setItem(LEASE_KEY, JSON.stringify({ owner, until: env.now() + LEASE_MS }));
  // Read back: of two tabs that wrote at once, the one whose write landed last runs.
  if (readLease(storage.getItem(LEASE_KEY))?.owner !== owner) return 'busy';
  try {
    await round();
  } finally {
    if (readLease(storage.getItem(LEASE_KEY))?.owner === owner) storage.removeItem(LEASE_KEY);
  }
  return 'ran';
}

function readLease(raw: string | null): { owner: string; until: number } | undefined {
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && 'owner' in value && 'until' in value && typeof value.owner === 'string' && typeof value.until === 'number') {
      return { owner: value.owner, until: value.until };
    }
  } catch {
    // A damaged lease is no lease.
  }
  return undefined;
}
