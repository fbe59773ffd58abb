import { get, set } from 'idb-keyval';
import { registerServiceWorker } from './register.ts';

/**
 * The offline copy of the app (the service worker and its caches). On by default; an observer can switch it
 * off in settings, for example on a shared computer or when a broken update must be cleared. Switching it off
 * never touches the reports: they live in the device database, not in these caches.
 */
const SETTING = 'offlineCache';

export async function offlineCacheEnabled(): Promise<boolean> {
  return (await get<unknown>(SETTING)) !== false;
}

/** Registers the service worker unless the observer switched the offline copy off. */
export async function startOfflineCache(): Promise<void> {
  if (await offlineCacheEnabled()) registerServiceWorker();
}

export async function enableOfflineCache(): Promise<void> {
  await set(SETTING, true);
  registerServiceWorker();
}

/** Unregisters every service worker of this site and deletes its caches; reports are untouched. */
export async function disableOfflineCache(): Promise<void> {
  await set(SETTING, false);
  if ('serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((registration) => registration.unregister()));
  }
  if ('caches' in window) {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
}
