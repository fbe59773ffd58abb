import { registerSW } from 'virtual:pwa-register';
import { createStore } from '../base/store.ts';
import { whenAllSaved } from './unsaved.ts';

/**
 * offlineReady: the shell is cached, said once on first install. updateWaiting: a new version waits for the
 * user's yes. updateAccepted: the user said yes and the update runs as soon as nothing is unsaved.
 */
export interface PwaState {
  readonly offlineReady: boolean;
  readonly updateWaiting: boolean;
  readonly updateAccepted: boolean;
}

export const pwaState = createStore<PwaState>({ offlineReady: false, updateWaiting: false, updateAccepted: false });

function patch(change: Partial<PwaState>): void {
  pwaState.set({ ...pwaState.get(), ...change });
}

let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => patch({ updateWaiting: true }),
    onOfflineReady: () => patch({ offlineReady: true }),
    // The new version took control (here or from another tab): reload into it, but never over unsaved words.
    onNeedReload: () => void whenAllSaved().then(() => window.location.reload()),
  });
}

/**
 * The user agreed to update. The waiting version is activated (and the page reloads into it) only once no
 * form has answers still on their way to disk; until then the banner says it is waiting for them.
 */
export async function updateNow(): Promise<void> {
  patch({ updateAccepted: true });
  await whenAllSaved();
  await applyUpdate?.(true);
}

export function dismissUpdate(): void {
  patch({ updateWaiting: false, updateAccepted: false });
}

export function dismissOfflineReady(): void {
  patch({ offlineReady: false });
}
