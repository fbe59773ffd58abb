import { del, get, set } from 'idb-keyval';
import type { Account, AccountStore } from '../base/account.ts';
import { open, seal } from './crypto.ts';

/**
 * The signed-in account (name, projects, the device token) sealed with the data key: while locked, idb-keyval
 * shows only ciphertext, and sync, which needs the token, waits for the next unlocked moment.
 */
const SEALED_ACCOUNT = 'account-sealed';
const CONTEXT = 'account';

export function sealedAccountStore(key: CryptoKey): AccountStore {
  return {
    load: async () => {
      const sealed = await get<unknown>(SEALED_ACCOUNT);
      if (!(sealed instanceof Uint8Array)) return undefined;
      const plain = await open(key, new Uint8Array(sealed), CONTEXT);
      return JSON.parse(new TextDecoder().decode(plain)) as Account;
    },
    save: async (account) => set(SEALED_ACCOUNT, await seal(key, new TextEncoder().encode(JSON.stringify(account)), CONTEXT)),
    clear: () => del(SEALED_ACCOUNT),
  };
}
