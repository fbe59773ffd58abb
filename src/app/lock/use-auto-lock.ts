import { useEffect } from 'preact/hooks';
import { createStore, useStore } from '../base/store.ts';
import { AutoLock } from './auto-lock.ts';
import type { LockSettings } from './lock-settings.ts';
import { loadLockSettings } from './lock-store.ts';

/** The lock settings in force; the settings screen sets it after saving, so a change applies at once. */
export const lockSettingsStore = createStore<LockSettings | undefined>(undefined);

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'scroll', 'wheel'] as const;

/** Locks the signed-in app after inactivity or after it has been hidden too long (settings in lock-settings.ts). */
export function useAutoLock(onLock: () => void): void {
  const settings = useStore(lockSettingsStore);
  useEffect(() => {
    if (settings === undefined) {
      void loadLockSettings().then((loaded) => lockSettingsStore.set(loaded));
      return;
    }
    const auto = new AutoLock({ idleMs: settings.idleMinutes * 60_000, hiddenMs: settings.hiddenSeconds * 1000 }, onLock);
    const activity = (): void => auto.activity();
    const visibility = (): void => (document.visibilityState === 'hidden' ? auto.hidden() : auto.visible());
    for (const type of ACTIVITY) document.addEventListener(type, activity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', visibility);
    return () => {
      auto.stop();
      for (const type of ACTIVITY) document.removeEventListener(type, activity, { capture: true });
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [settings, onLock]);
}
