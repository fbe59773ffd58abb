import { useEffect, useState } from 'preact/hooks';
import { onSessionEnd } from '../../base/session-secrets.ts';
import type { UnlockedKey } from './key-flow.ts';

/**
 * Sealed projects' private keys unlocked in this browser, in memory only (never IndexedDB, never the
 * service worker): the report screens ask here for a project's key to open its sealed versions. The
 * personal key is kept too while the session lasts, so that granting to another coordinator needs no
 * second passphrase. All of it is forgotten when the app locks or the person signs out (session-secrets.ts).
 */
const projectKeys = new Map<string, UnlockedKey>();
let personal: { readonly userId: string; readonly key: UnlockedKey } | undefined;
const listeners = new Set<() => void>();

const changed = (): void => {
  for (const listener of listeners) listener();
};

/** The project's unlocked private key, if this session unlocked it. */
export function unlockedProjectKey(projectId: string): UnlockedKey | undefined {
  return projectKeys.get(projectId);
}

export function keepProjectKey(projectId: string, key: UnlockedKey): void {
  projectKeys.set(projectId, key);
  changed();
}

export function unlockedPersonalKey(userId: string): UnlockedKey | undefined {
  return personal?.userId === userId ? personal.key : undefined;
}

export function keepPersonalKey(userId: string, key: UnlockedKey): void {
  personal = { userId, key };
  changed();
}

/** Forgets every unlocked key (lock, sign-out, or "lock sealed reports" on the sealing screen). */
export function forgetUnlockedKeys(): void {
  projectKeys.clear();
  personal = undefined;
  changed();
}

onSessionEnd(forgetUnlockedKeys);

/** A screen's view of a project's unlocked key: re-renders when it is unlocked or forgotten. */
export function useUnlockedProjectKey(projectId: string | undefined): UnlockedKey | undefined {
  const [, setRound] = useState(0);
  useEffect(() => {
    const listener = (): void => setRound((r) => r + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return projectId === undefined ? undefined : projectKeys.get(projectId);
}
