import { del, get, set } from 'idb-keyval';
import { api } from './api/client.ts';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
  readonly role: 'coordinator' | 'observer';
}

/** Who is signed in on this device, kept locally so the app opens offline with the right data. */
export interface Account {
  readonly user: { readonly id: string; readonly username: string; readonly displayName: string; readonly isAdmin: boolean };
  readonly projects: readonly ProjectRef[];
}

const KEY = 'account';

export function storedAccount(): Promise<Account | undefined> {
  return get<Account>(KEY);
}

export async function signIn(username: string, password: string): Promise<Account> {
  await api('/api/auth/sign-in', { method: 'POST', body: { username, password } });
  return refreshAccount();
}

export async function refreshAccount(): Promise<Account> {
  const me = await api<Account>('/api/me');
  const account: Account = { user: me.user, projects: me.projects };
  await set(KEY, account);
  return account;
}

/** Signs out on the server when reachable; the device's reports stay in its database for the next sign-in. */
export async function signOut(): Promise<void> {
  await api('/api/auth/sign-out', { method: 'POST', body: {} }).catch(() => undefined);
  await del(KEY);
}

export function isCoordinator(account: Account): boolean {
  return account.user.isAdmin || account.projects.some((p) => p.role === 'coordinator');
}
