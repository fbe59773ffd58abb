import { createStore } from '../base/store.ts';

/**
 * What this page holds that is not yet on disk: one entry per form whose latest answers are still being
 * written, or whose write failed (a full disk). While anything is here the app must not reload: an update
 * waits, and closing the tab asks first. Screens mark and clear; only a wipe (lock/wipe.ts) forgets them all.
 */
export const unsavedWork = createStore<ReadonlySet<string>>(new Set());

export function markUnsaved(key: string): void {
  const current = unsavedWork.get();
  if (!current.has(key)) unsavedWork.set(new Set([...current, key]));
}

export function markSaved(key: string): void {
  const current = unsavedWork.get();
  if (!current.has(key)) return;
  const next = new Set(current);
  next.delete(key);
  unsavedWork.set(next);
}

export function hasUnsavedWork(): boolean {
  return unsavedWork.get().size > 0;
}

/** Resolves once nothing is unsaved (at once when that is already so). */
export function whenAllSaved(): Promise<void> {
  if (!hasUnsavedWork()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = unsavedWork.subscribe((keys) => {
      if (keys.size > 0) return;
      stop();
      resolve();
    });
  });
}

/** Makes the browser ask "leave this page?" while words are not on disk yet. Called once at start. */
export function guardPageUnload(): void {
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedWork()) event.preventDefault();
  });
}
