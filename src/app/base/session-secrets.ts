/**
 * Secrets a screen holds in memory for the signed-in session only (a sealed project's unlocked key,
 * src/app/coordinator/sealing/project-key-store.ts). Whoever holds one registers how to forget it; the
 * lock (lock/gate.ts lockGate) and signing out (app.tsx) call forgetSessionSecrets, so nothing unlocked
 * outlives the session that unlocked it. Here in the base so that the lock need not know the coordinator's screens.
 */
const forgetters = new Set<() => void>();

export function onSessionEnd(forget: () => void): void {
  forgetters.add(forget);
}

export function forgetSessionSecrets(): void {
  for (const forget of forgetters) forget();
}
