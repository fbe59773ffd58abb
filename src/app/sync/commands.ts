import { clear } from 'idb-keyval';
import type { DeviceCommand } from '../../core/sync/protocol.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../api/call.ts';
import type { Connection } from '../api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { readState } from '../db/state.ts';

/** Thrown after a wipe, to stop the sync round: there is nothing left to apply to. */
export class DeviceWiped extends Error {
  constructor() {
    super('This device was wiped on the coordinator’s order.');
  }
}

// Survives the wipe of everything else for one reload: the few databases still open now are deleted at start.
const PENDING_WIPE = 'trial-monitor-wipe-pending';

/**
 * Carries out the commands a pull brought (SECURITY.md "lost device"). A wipe is acknowledged first,
 * while the device can still prove who it is, then deletes every database, cache and stored value the
 * app keeps, and reloads to the sign-in screen. The service worker stays registered: it holds no data.
 */
export async function carryOutCommands(db: DeviceDatabase, commands: readonly DeviceCommand[], connection: Connection): Promise<void> {
  const wipe = commands.find((c) => c.command === 'wipe');
  if (wipe === undefined) return;
  const deviceId = await readState(db, 'deviceId');
  // Best effort: a wipe that cannot report back must still happen.
  await call(contract.ackCommand, { params: { commandId: wipe.id }, body: { deviceId: String(deviceId ?? '') } }, connection).catch(() => undefined);
  connection.token = undefined;
  db.close();
  await clear().catch(() => undefined);
  await wipeEverything(['keyval-store']);
  localStorage.setItem(PENDING_WIPE, '1');
  location.replace('/');
  throw new DeviceWiped();
}

/** Deletes what this page can: all IndexedDB databases not held open, caches, local and session storage. */
async function wipeEverything(stillOpen: readonly string[]): Promise<void> {
  const names = 'databases' in indexedDB ? (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => n !== undefined) : [];
  // idb-keyval keeps its connection open until the page goes (it was emptied already); its database goes on the next start.
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
  await wipeEverything([]);
}
