import { get, set } from 'idb-keyval';
import { createStore } from '../base/store.ts';

/**
 * Persistent storage: without it a browser may delete this site's data when the phone runs low on space.
 * We ask once, after the first report is saved (when there is something worth keeping and the observer
 * understands why), with an explanation first; the request itself runs on the observer's tap.
 */
export const persistenceOffer = createStore<boolean>(false);

const ASKED = 'persistenceAsked';
let checked = false;

export function afterFirstSave(): void {
  if (checked) return;
  checked = true;
  void shouldOffer().then((offer) => offer && persistenceOffer.set(true));
}

async function shouldOffer(): Promise<boolean> {
  if (typeof navigator === 'undefined' || navigator.storage?.persist === undefined) return false;
  if ((await get<unknown>(ASKED)) === true) return false;
  return !(await navigator.storage.persisted());
}

/** Asks the browser to keep this site's data; returns whether it now does. */
export async function requestPersistence(): Promise<boolean> {
  persistenceOffer.set(false);
  await set(ASKED, true);
  if (navigator.storage?.persist === undefined) return false;
  return navigator.storage.persist();
}

export async function declinePersistence(): Promise<void> {
  persistenceOffer.set(false);
  await set(ASKED, true);
}

export interface StorageFigures {
  readonly usage: number;
  readonly quota: number;
  readonly persisted: boolean;
}

/** What this site uses and may use on the device, or undefined where the browser cannot say. */
export async function storageFigures(): Promise<StorageFigures | undefined> {
  if (navigator.storage?.estimate === undefined) return undefined;
  const estimate = await navigator.storage.estimate();
  const persisted = navigator.storage.persisted === undefined ? false : await navigator.storage.persisted();
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}

/**
 * iOS Safari outside the Home Screen: Safari may delete a site's data after days without use, and the
 * Home Screen app keeps it. navigator.standalone exists only on iOS, so other browsers are never warned.
 */
export function iosBrowserTab(): boolean {
  return (navigator as Navigator & { standalone?: boolean }).standalone === false;
}
