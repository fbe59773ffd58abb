import { describe, expect, it } from 'vitest';
import { LEASE_MS, withSyncLock, type LockEnvironment } from '../../../src/app/sync/tab-lock.ts';

function memoryStorage(): LockEnvironment['storage'] & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** A Web Locks stand-in with the one behaviour used: ifAvailable gives null while the lock is held. */
function fakeLocks(): NonNullable<LockEnvironment['locks']> {
  let held = false;
  return {
    async request(_name, _options, callback) {
      if (held) return callback(null);
      held = true;
      try {
        await callback({});
      } finally {
        held = false;
      }
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('one tab syncs at a time', () => {
  for (const kind of ['Web Locks', 'localStorage lease'] as const) {
    it(`with ${kind}: a second tab is told busy while the first syncs, and may run after`, async () => {
      const storage = memoryStorage();
      const env: LockEnvironment = { locks: kind === 'Web Locks' ? fakeLocks() : undefined, storage, now: () => 1_000 };
      const gate = deferred();
      let rounds = 0;
      const count = (): Promise<void> => {
        rounds += 1;
        return Promise.resolve();
      };
      const first = withSyncLock('tab-a', async () => {
        rounds += 1;
        await gate.promise;
      }, env);
      const second = await withSyncLock('tab-b', count, env);
      expect(second).toBe('busy');
      gate.resolve();
      expect(await first).toBe('ran');
      expect(await withSyncLock('tab-b', count, env)).toBe('ran');
      expect(rounds).toBe(2);
      expect(storage.data.size).toBe(0);
    });
  }

  it('a lease left by a tab that died stops blocking once it expires', async () => {
    const storage = memoryStorage();
    storage.setItem('trial-monitor-sync-lease', JSON.stringify({ owner: 'dead-tab', until: 5_000 }));
    let now = 4_000;
    const env: LockEnvironment = { locks: undefined, storage, now: () => now };
    expect(await withSyncLock('tab-b', () => Promise.resolve(), env)).toBe('busy');
    now = 5_000 + 1;
    expect(await withSyncLock('tab-b', () => Promise.resolve(), env)).toBe('ran');
    expect(LEASE_MS).toBeGreaterThan(0);
  });

  it('releases the lease even when the round fails', async () => {
    const storage = memoryStorage();
    const env: LockEnvironment = { locks: undefined, storage, now: () => 0 };
    await expect(withSyncLock('tab-a', () => Promise.reject(new Error('offline')), env)).rejects.toThrow('offline');
    expect(storage.data.size).toBe(0);
    expect(await withSyncLock('tab-b', () => Promise.resolve(), env)).toBe('ran');
  });
});
