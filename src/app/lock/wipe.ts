import { clear } from 'idb-keyval';
import { destroyWrappedKey } from './lock-store.ts';

// Survives the wipe of everything else for one reload: the databases still open now are deleted at the next start.
const PENDING_WIPE = 'trial-monitor-wipe-pending';

/**
 * Deletes everything the app keeps on this device (the quick wipe, a remote wipe, wipe-after-failures).
 * Never waits for the network. The wrapped data key goes first: once it is gone, whatever the browser leaves
 * on disk (a database still held open, flash that was not overwritten) cannot be decrypted by anyone, even
 * with the passphrase. Then every database, cache, stored value and the service worker. When online, the
 * server's Clear-Site-Data answer makes the browser itself drop the rest (routes/clear-site-data.ts); that
 * request is sent, not awaited. Close the device database before calling.
 */
export async function wipeDevice(): Promise<void> {
  await destroyWrappedKey().catch(() => undefined);
  localStorage.setItem(PENDING_WIPE, '1');
  // The path is contract.clearSiteData's, written out: the lock screen's chunk must not carry the API table.
  void fetch('/api/clear-site-data', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
  await clear().catch(() => undefined);
  // idb-keyval keeps its connection open until the page goes (it was emptied already); its database goes on the next start.
  await wipeStorage(['keyval-store']);
  if ('serviceWorker' in navigator) await Promise.all((await navigator.serviceWorker.getRegistrations()).map((r) => r.unregister())).catch(() => undefined);
  localStorage.setItem(PENDING_WIPE, '1');
}

/** Deletes what this page can: all IndexedDB databases not held open, caches, local and session storage. */
async function wipeStorage(stillOpen: readonly string[]): Promise<void> {
  const names = 'databases' in indexedDB ? (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => n !== undefined) : [];
  await Promise.all(names.filter((n) => !stillOpen.includes(n)).map(deleteDatabase));
  if ('caches' in globalThis) await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
  localStorage.clear();
  sessionStorage.clear();
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Blocked: another connection is still open; the browser deletes it once that closes. Waiting here would hang the start.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Call before anything opens a database: finishes a wipe begun before the last reload. */
export async function finishPendingWipe(): Promise<void> {
  if (localStorage.getItem(PENDING_WIPE) === null) return;
  await wipeStorage([]);
}
