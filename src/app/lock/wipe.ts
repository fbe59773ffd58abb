import { clear } from 'idb-keyval';
import { unsavedWork } from '../pwa/unsaved.ts';
import { destroyWrappedKey } from './lock-store.ts';

// Survives the wipe of everything else for one reload: the databases still open now are deleted at the next start.
const PENDING_WIPE = 'trial-monitor-wipe-pending';
// idb-keyval's database: the page keeps its connection open until it goes, so it is deleted by the browser
// (Clear-Site-Data) or at the next start.
const KEYVAL_DATABASE = 'keyval-store';

/**
 * The longest one storage step of a wipe may take before the wipe goes on without its answer. A step takes
 * milliseconds; this bound exists because Chromium sometimes never answers at all: `indexedDB.databases()`
 * asked while the browser clears the site's storage (a Clear-Site-Data answer) stays pending for good, and
 * that hung the wipe before its reload (the race issue 10 found; tests/unit/app/wipe.test.ts).
 */
export const WIPE_STEP_MS = 2_000;
/**
 * How long the wipe waits for the server's Clear-Site-Data answer, sent once everything local is deleted.
 * Chromium answers only when it has cleared the site, so the reload that follows does not start while the
 * browser is still clearing (the new page's storage calls would be the ones left unanswered). Offline the
 * request fails at once; on a bad network the wipe reloads after this and the next start finishes the work.
 */
export const CLEAR_SITE_ANSWER_MS = 3_000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'clear'>;

/** What the wipe touches; the browser's own unless a test gives its own (and its own clock). */
export interface WipeEnvironment {
  readonly destroyKey: () => Promise<void>;
  /** Drops the marks of answers not yet on disk, whose "leave this page?" question would hold the reload. */
  readonly forgetUnsavedWork: () => void;
  /** Empties idb-keyval's store (the page's open connection keeps its database until the page goes). */
  readonly clearKeyval: () => Promise<void>;
  readonly indexedDB: Pick<IDBFactory, 'deleteDatabase'> & Partial<Pick<IDBFactory, 'databases'>>;
  readonly caches: Pick<CacheStorage, 'keys' | 'delete'> | undefined;
  readonly localStorage: StorageLike;
  readonly sessionStorage: StorageLike;
  readonly serviceWorkers: (() => Promise<readonly { unregister(): Promise<boolean> }[]>) | undefined;
  /** POST /api/clear-site-data; resolves when the browser has its answer (and so has cleared the site). */
  readonly askBrowserToClear: () => Promise<unknown>;
  /** Resolves after `ms`: the bounds above. */
  readonly wait: (ms: number) => Promise<void>;
}

export function browserWipeEnvironment(): WipeEnvironment {
  return {
    destroyKey: destroyWrappedKey,
    forgetUnsavedWork: () => unsavedWork.set(new Set()),
    clearKeyval: clear,
    indexedDB,
    caches: 'caches' in globalThis ? caches : undefined,
    localStorage,
    sessionStorage,
    serviceWorkers: 'serviceWorker' in navigator ? () => navigator.serviceWorker.getRegistrations() : undefined,
    // The path is contract.clearSiteData's, written out: the lock screen's chunk must not carry the API table.
    askBrowserToClear: () => fetch('/api/clear-site-data', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', keepalive: true, credentials: 'same-origin' }),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/**
 * Deletes everything the app keeps on this device (the quick wipe, a remote wipe, wipe-after-failures), then
 * the caller reloads. The wrapped data key goes first: once it is gone, whatever the browser leaves on disk (a
 * database still held open, flash that was not overwritten) cannot be decrypted by anyone, even with the
 * passphrase. Then every database, cache, stored value and the service worker, each step bounded so that a
 * browser that never answers cannot stop the wipe. Only then, the server's Clear-Site-Data answer, which
 * makes the browser drop the rest (routes/clear-site-data.ts): asked last because the browser clearing the
 * site at the same time left the page's own `indexedDB.databases()` unanswered (the wipe never reloaded), and
 * awaited for at most CLEAR_SITE_ANSWER_MS so the reload does not race the browser's clearing. Offline it
 * fails at once: the wipe never waits for the network. Close the device database before calling.
 */
export async function wipeDevice(env: WipeEnvironment = browserWipeEnvironment()): Promise<void> {
  const bounded = boundedBy(env);
  await bounded(env.destroyKey(), WIPE_STEP_MS);
  // Words still on their way to disk can never be read again: nothing is left to save, so the browser's
  // "leave this page?" (pwa/unsaved.ts) must not stop the reload, shown to whoever holds the phone.
  env.forgetUnsavedWork();
  env.localStorage.setItem(PENDING_WIPE, '1');
  await bounded(env.clearKeyval(), WIPE_STEP_MS);
  await wipeStorage(env, [KEYVAL_DATABASE]);
  const serviceWorkers = env.serviceWorkers;
  if (serviceWorkers !== undefined) await bounded(serviceWorkers().then((registrations) => Promise.all(registrations.map((r) => r.unregister()))), WIPE_STEP_MS);
  env.localStorage.setItem(PENDING_WIPE, '1');
  await bounded(env.askBrowserToClear(), CLEAR_SITE_ANSWER_MS);
}

/** Call before anything opens a database: finishes a wipe begun before the last reload. Never hangs either. */
export async function finishPendingWipe(env: WipeEnvironment = browserWipeEnvironment()): Promise<void> {
  if (env.localStorage.getItem(PENDING_WIPE) === null) return;
  await wipeStorage(env, []);
}

/** Deletes what this page can: all IndexedDB databases not held open, caches, local and session storage. */
async function wipeStorage(env: WipeEnvironment, stillOpen: readonly string[]): Promise<void> {
  const bounded = boundedBy(env);
  const listed = env.indexedDB.databases === undefined ? undefined : await bounded(env.indexedDB.databases(), WIPE_STEP_MS);
  // Unanswered or unsupported: at least idb-keyval's database, whose name is known (the device database's name
  // holds the user's id, unknown here; the browser's own clearing covers it when online).
  const names = listed === undefined ? [KEYVAL_DATABASE] : listed.map((d) => d.name).filter((n): n is string => n !== undefined);
  await bounded(Promise.all(names.filter((n) => !stillOpen.includes(n)).map((name) => deleteDatabase(env.indexedDB, name))), WIPE_STEP_MS);
  const caches = env.caches;
  if (caches !== undefined) await bounded(caches.keys().then((keys) => Promise.all(keys.map((key) => caches.delete(key)))), WIPE_STEP_MS);
  env.localStorage.clear();
  env.sessionStorage.clear();
}

function deleteDatabase(factory: Pick<IDBFactory, 'deleteDatabase'>, name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = factory.deleteDatabase(name);
    // Blocked: another connection is still open; the browser deletes it once that closes. Waiting here would hang the start.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** The step's answer, or undefined once `ms` passed without one (or when it failed): a wipe goes on regardless. */
function boundedBy(env: WipeEnvironment) {
  return <T>(step: Promise<T>, ms: number): Promise<T | undefined> =>
    Promise.race([
      step.catch(() => undefined),
      env.wait(ms).then(() => undefined),
    ]);
}
