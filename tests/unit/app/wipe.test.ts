import { describe, expect, it } from 'vitest';
import { CLEAR_SITE_ANSWER_MS, finishPendingWipe, wipeDevice, WIPE_STEP_MS, type WipeEnvironment } from '../../../src/app/lock/wipe.ts';

/**
 * Issue 10's wipe race: under load Chromium left `indexedDB.databases()` unanswered while it carried out the
 * Clear-Site-Data answer the wipe had asked for first, and the wipe never reached its reload. These tests give
 * the wipe a browser that never answers, and check the order: everything local first, the browser's clearing
 * last. The clock is the test's: time passes only when the test says so, never by sleeping.
 */

class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  clear(): void {
    this.values.clear();
  }
}

/** `wait(ms)` resolves only when `advance` passes it. */
class ManualClock {
  private time = 0;
  private waiting: { at: number; resolve: () => void }[] = [];
  wait = (ms: number): Promise<void> => new Promise((resolve) => this.waiting.push({ at: this.time + ms, resolve }));
  advance(ms: number): void {
    this.time += ms;
    for (const w of this.waiting.filter((x) => x.at <= this.time)) w.resolve();
    this.waiting = this.waiting.filter((x) => x.at > this.time);
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
/** Lets fake-indexeddb and the promises run (it answers on macrotasks), without moving the test's clock. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** Runs until `done` settles, moving the clock by one step each time nothing else can happen; a hang fails. */
async function settle(done: Promise<void>, clock: ManualClock): Promise<number> {
  let settled = false;
  void done.then(() => (settled = true));
  for (let steps = 0; steps < 20; steps += 1) {
    await flush();
    if (settled) return steps;
    clock.advance(WIPE_STEP_MS);
  }
  throw new Error('the wipe hung');
}

async function createDatabase(name: string, keepOpen: boolean): Promise<IDBDatabase> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('records');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  if (!keepOpen) db.close();
  // Like idb-keyval's connection: never closes on versionchange, so a delete is blocked.
  return db;
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

interface Fixture {
  readonly env: WipeEnvironment;
  readonly clock: ManualClock;
  readonly log: string[];
  readonly local: MemoryStorage;
  readonly session: MemoryStorage;
  answer: () => void;
}

function fixture(overrides: Partial<WipeEnvironment> = {}): Fixture {
  const clock = new ManualClock();
  const log: string[] = [];
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  local.setItem('theme-ish', 'x');
  session.setItem('kept', 'answers');
  const cacheNames = new Set(['workbox-precache-v2']);
  const f: Fixture = {
    clock,
    log,
    local,
    session,
    answer: () => undefined,
    env: {
      destroyKey: () => {
        log.push('key destroyed');
        return Promise.resolve();
      },
      forgetUnsavedWork: () => log.push('unsaved work forgotten'),
      clearKeyval: () => {
        log.push('keyval emptied');
        return Promise.resolve();
      },
      indexedDB,
      caches: {
        keys: () => Promise.resolve([...cacheNames]),
        delete: (name: string) => {
          log.push(`cache ${name} deleted`);
          return Promise.resolve(cacheNames.delete(name));
        },
      },
      localStorage: local,
      sessionStorage: session,
      serviceWorkers: () =>
        Promise.resolve([
          {
            unregister: () => {
              log.push('service worker unregistered');
              return Promise.resolve(true);
            },
          },
        ]),
      askBrowserToClear: async () => {
        log.push(`clear-site-data asked; databases left: ${(await databaseNames()).join(',')}; local storage: ${[...local.values.keys()].join(',')}; session storage: ${session.values.size}`);
        await new Promise<void>((resolve) => (f.answer = resolve));
        log.push('clear-site-data answered');
      },
      wait: clock.wait,
      ...overrides,
    },
  };
  return f;
}

describe('the wipe', () => {
  it('deletes everything local first, the key before all, and only then asks the browser to clear the site, waiting for its answer', async () => {
    await createDatabase('trial-monitor-user-1', false);
    // Held open and deaf to versionchange (as idb-keyval's or a second tab's): its delete is blocked, the wipe goes on.
    const held = await createDatabase('trial-monitor-user-2', true);
    const keyval = await createDatabase('keyval-store', true);
    const f = fixture();
    let finished = false;
    const wiping = wipeDevice(f.env).then(() => (finished = true));
    await flush();
    expect(f.log).toEqual([
      'key destroyed',
      'unsaved work forgotten',
      'keyval emptied',
      'cache workbox-precache-v2 deleted',
      'service worker unregistered',
      // The blocked ones are deleted by the browser once their connection closes (or by its own clearing).
      'clear-site-data asked; databases left: keyval-store,trial-monitor-user-2; local storage: trial-monitor-wipe-pending; session storage: 0',
    ]);
    // The reload waits for the browser's answer: a reload while it clears the site is the race.
    expect(finished).toBe(false);
    f.answer();
    await flush();
    expect(finished).toBe(true);
    expect(f.log.at(-1)).toBe('clear-site-data answered');
    await wiping;
    held.close();
    keyval.close();
    await flush();
    // The blocked delete went through once the connection closed; keyval-store waits for the next start.
    expect(await databaseNames()).toEqual(['keyval-store']);
    await new Promise((resolve) => (indexedDB.deleteDatabase('keyval-store').onsuccess = resolve));
  });

  it('reaches its end when the browser never answers a storage call, the server never answers, or the key store hangs', async () => {
    await createDatabase('trial-monitor-user-3', false);
    const f = fixture({
      destroyKey: never,
      clearKeyval: never,
      // What Chromium did while it cleared the site: indexedDB.databases() never answered.
      indexedDB: { deleteDatabase: (name) => indexedDB.deleteDatabase(name), databases: never },
      caches: { keys: never, delete: never },
      serviceWorkers: never,
      askBrowserToClear: () => {
        f.log.push('clear-site-data asked');
        return never();
      },
    });
    const steps = await settle(wipeDevice(f.env), f.clock);
    // Bounded: key, keyval, list, deletes, caches, service worker and the answer; never more.
    expect(steps).toBeLessThanOrEqual(5 + Math.ceil(CLEAR_SITE_ANSWER_MS / WIPE_STEP_MS));
    expect(f.log).toEqual(['unsaved work forgotten', 'clear-site-data asked']);
    expect(f.session.values.size).toBe(0);
    expect([...f.local.values.keys()]).toEqual(['trial-monitor-wipe-pending']);
    // The unlisted device database waits for the next start or the browser's clearing; it is encrypted and its key gone.
    expect(await databaseNames()).toEqual(['trial-monitor-user-3']);
    await new Promise((resolve) => (indexedDB.deleteDatabase('trial-monitor-user-3').onsuccess = resolve));
  });

  it('does not wait for a network that refuses at once (offline)', async () => {
    const f = fixture({
      askBrowserToClear: () => {
        f.log.push('clear-site-data asked');
        return Promise.reject(new TypeError('Failed to fetch'));
      },
    });
    // No clock moves: nothing in the wipe waits for its bound.
    let finished = false;
    void wipeDevice(f.env).then(() => (finished = true));
    await flush();
    expect(finished).toBe(true);
    expect(f.log.at(-1)).toBe('clear-site-data asked');
  });
});

describe('the next start after a wipe', () => {
  it('deletes what the wiped page could not, and starts even when the browser never lists its databases', async () => {
    await createDatabase('keyval-store', false);
    const f = fixture({ indexedDB: { deleteDatabase: (name) => indexedDB.deleteDatabase(name), databases: never } });
    f.local.setItem('trial-monitor-wipe-pending', '1');
    await settle(finishPendingWipe(f.env), f.clock);
    expect(await databaseNames()).toEqual([]);
    expect(f.local.values.size).toBe(0);
    expect(f.session.values.size).toBe(0);
    expect(f.log).toEqual(['cache workbox-precache-v2 deleted']);
  });

  it('touches nothing when no wipe is pending', async () => {
    await createDatabase('keyval-store', false);
    const f = fixture();
    await settle(finishPendingWipe(f.env), f.clock);
    expect(await databaseNames()).toEqual(['keyval-store']);
    expect(f.local.values.size).toBe(1);
    expect(f.log).toEqual([]);
    await new Promise((resolve) => (indexedDB.deleteDatabase('keyval-store').onsuccess = resolve));
  });
});
