import { del, get, set } from 'idb-keyval';
import { contract } from '../core/api/contract.ts';
import { call } from './api/call.ts';
import { setDeviceToken } from './api/client.ts';
import { adoptDeviceId } from './db/adopt-device-id.ts';
import { openDeviceDatabase } from './db/database.ts';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
  readonly role: 'coordinator' | 'observer';
}

/** Who is signed in on this device, kept locally so the app opens offline with the right data. */
export interface Account {
  readonly user: { readonly id: string; readonly username: string; readonly displayName: string; readonly isAdmin: boolean };
  readonly projects: readonly ProjectRef[];
  /** Set when this device was enrolled with a code: its server id and token (sent as a bearer header). */
  readonly device?: { readonly id: string; readonly token: string; readonly expiresAt: string };
}

const KEY = 'account';

/** The account kept on this device, with its device token put to use for API calls. */
export async function storedAccount(): Promise<Account | undefined> {
  const account = await get<Account>(KEY);
  setDeviceToken(account?.device?.token);
  return account;
}

export async function signIn(username: string, password: string): Promise<Account> {
  await call(contract.signIn, { body: { username, password } });
  return refreshAccount();
}

/** Redeems a one-time code from the coordinator: the server gives this device its id and token. */
export async function enrol(code: string): Promise<Account> {
  const enrolled = await call(contract.enrol, { body: { code } });
  setDeviceToken(enrolled.token);
  const me = await call(contract.me, {});
  const db = openDeviceDatabase(me.user.id);
  try {
    await adoptDeviceId(db, enrolled.deviceId);
  } finally {
    db.close();
  }
  const account: Account = { user: me.user, projects: me.projects, device: { id: enrolled.deviceId, token: enrolled.token, expiresAt: enrolled.expiresAt } };
  await set(KEY, account);
  return account;
}

export async function refreshAccount(): Promise<Account> {
  const me = await call(contract.me, {});
  const device = (await get<Account>(KEY))?.device;
  const account: Account = { user: me.user, projects: me.projects, ...(device === undefined ? {} : { device }) };
  await set(KEY, account);
  return account;
}

/**
 * Signs out on the server when reachable; the device's reports stay in its database for the next sign-in.
 * An enrolled device forgets its token too: it must be enrolled again (or signed in with a password).
 */
export async function signOut(): Promise<void> {
  await call(contract.signOut, {}).catch(() => undefined);
  setDeviceToken(undefined);
  await del(KEY);
}

/** Ends every password session of this user, on every device; enrolled devices keep their tokens. Then sign out here. */
export async function signOutEverywhere(): Promise<void> {
  await call(contract.signOutEverywhere, {});
}

export function isCoordinator(account: Account): boolean {
  return account.user.isAdmin || account.projects.some((p) => p.role === 'coordinator');
}
