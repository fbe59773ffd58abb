import { registerSW } from 'virtual:pwa-register';
import { createStore } from '../store.ts';

/** "ready" once the shell is cached for offline use; "update" when a new version waits for the user's yes. */
export const pwaState = createStore<{ offlineReady: boolean; updateWaiting: boolean }>({ offlineReady: false, updateWaiting: false });

let applyUpdate: ((reload?: boolean) => Promise<void>) | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => pwaState.set({ ...pwaState.get(), updateWaiting: true }),
    onOfflineReady: () => pwaState.set({ ...pwaState.get(), offlineReady: true }),
  });
}

/** Activates the waiting version and reloads: only called when the user agreed. */
export async function updateNow(): Promise<void> {
  await applyUpdate?.(true);
}
