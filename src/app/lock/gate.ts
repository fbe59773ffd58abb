import { legacyAccount, storedAccount, useAccountStore, type Account, type AccountStore } from '../base/account.ts';
import { forgetKeptAnswers, openKeptAnswers } from '../storage/kept-answers.ts';
import { forgetSessionSecrets } from '../base/session-secrets.ts';
import { loadWrappedKey } from './lock-store.ts';
import { sealedAccountStore } from './sealed-account.ts';

/**
 * What the app may show. `locked` shows the lock screen only. `setup` follows the first sign-in or enrolment
 * (or the first start of a device used before the lock existed): the passphrase is chosen before anything is
 * stored. `signed-out` after unlocking with nobody signed in keeps the key, so a new sign-in needs no second setup.
 */
export type Gate =
  | { readonly phase: 'loading' }
  | { readonly phase: 'locked' }
  | { readonly phase: 'setup'; readonly account: Account }
  | { readonly phase: 'signed-out'; readonly key: CryptoKey | undefined }
  | { readonly phase: 'open'; readonly key: CryptoKey; readonly account: Account };

export async function startGate(): Promise<Gate> {
  if ((await loadWrappedKey()) !== undefined) return { phase: 'locked' };
  const legacy = await legacyAccount();
  return legacy === undefined ? { phase: 'signed-out', key: undefined } : { phase: 'setup', account: legacy };
}

export async function unlockGate(key: CryptoKey): Promise<Gate> {
  useAccountStore(sealedAccountStore(key));
  await openKeptAnswers(key);
  const account = await storedAccount();
  return account === undefined ? { phase: 'signed-out', key } : { phase: 'open', key, account };
}

/** Forgets the key, the account and the kept answers held in memory; the sealed copies stay for the next unlock. */
export function lockGate(): Gate {
  // Sealed projects' keys unlocked in this session go with the lock (issue 11).
  forgetSessionSecrets();
  useAccountStore(lockedStore);
  forgetKeptAnswers();
  void storedAccount();
  return { phase: 'locked' };
}

const lockedStore: AccountStore = {
  load: () => Promise.resolve(undefined),
  save: () => Promise.reject(new Error('locked')),
  clear: () => Promise.resolve(),
};
