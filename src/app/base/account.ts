import { del, get } from 'idb-keyval';
import { setDeviceToken } from './api/client.ts';

/**
 * The typed client and the route table, fetched on the first call: the sign-in screen and the lock load
 * this module, and the table's schemas have no place in the first screen's download (docs/quality.md).
 */
async function client(): Promise<{ call: typeof import('./api/call.ts').call; contract: typeof import('../../core/api/contract.ts').contract }> {
  const [{ call }, { contract }] = await Promise.all([import('./api/call.ts'), import('../../core/api/contract.ts')]);
  return { call, contract };
}

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

/**
 * Where the account is kept. Until the app lock is set up it is held in memory only; once unlocked, sealed
 * with the data key (lock/sealed-account.ts), so that a locked phone shows no name, project or token.
 */
export interface AccountStore {
  load(): Promise<Account | undefined>;
  save(account: Account): Promise<void>;
  clear(): Promise<void>;
}

function memoryStore(): AccountStore {
  let held: Account | undefined;
  return {
    load: () => Promise.resolve(held),
    save: (account) => Promise.resolve(void (held = account)),
    clear: () => Promise.resolve(void (held = undefined)),
  };
}

let store: AccountStore = memoryStore();

export function useAccountStore(next: AccountStore): void {
  store = next;
}

/** Before the app lock, the account was kept readable in idb-keyval: read once to move it under the lock. */
const LEGACY_KEY = 'account';
export async function legacyAccount(): Promise<Account | undefined> {
  return get<Account>(LEGACY_KEY);
}
export function forgetLegacyAccount(): Promise<void> {
  return del(LEGACY_KEY);
}

/** The account kept on this device, with its device token put to use for API calls. */
export async function storedAccount(): Promise<Account | undefined> {
  const account = await store.load();
  setDeviceToken(account?.device?.token);
  return account;
}

/** Keeps the account (sealed once the lock is set up) and puts its device token to use. */
export async function keepAccount(account: Account): Promise<void> {
  setDeviceToken(account.device?.token);
  await store.save(account);
}

export async function signIn(username: string, password: string): Promise<Account> {
  const { call, contract } = await client();
  await call(contract.signIn, { body: { username, password } });
  return refreshAccount();
}

/**
 * Redeems a one-time code from the coordinator: the server gives this device its id and token. The device
 * database adopts the id when it is next opened unlocked (app.tsx), since it cannot be opened without the key.
 */
export async function enrol(code: string): Promise<Account> {
  const { call, contract } = await client();
  const enrolled = await call(contract.enrol, { body: { code } });
  setDeviceToken(enrolled.token);
  const me = await call(contract.me, {});
  const account: Account = { user: me.user, projects: me.projects, device: { id: enrolled.deviceId, token: enrolled.token, expiresAt: enrolled.expiresAt } };
  await store.save(account);
  return account;
}

export async function refreshAccount(): Promise<Account> {
  const { call, contract } = await client();
  const me = await call(contract.me, {});
  const device = (await store.load())?.device;
  const account: Account = { user: me.user, projects: me.projects, ...(device === undefined ? {} : { device }) };
  await store.save(account);
  return account;
}

/**
 * Signs out on the server when reachable; the device's reports stay in its database for the next sign-in.
 * An enrolled device forgets its token too: it must be enrolled again (or signed in with a password).
 */
export async function signOut(): Promise<void> {
  const { call, contract } = await client();
  await call(contract.signOut, {}).catch(() => undefined);
  setDeviceToken(undefined);
  await store.clear();
}

/** Ends every password session of this user, on every device; enrolled devices keep their tokens. Then sign out here. */
export async function signOutEverywhere(): Promise<void> {
  const { call, contract } = await client();
  await call(contract.signOutEverywhere, {});
}

/**
 * Whether this device keeps the person's work and syncs it: an enrolled phone, or someone who observes in at
 * least one project. Someone who only coordinates (or administers) works through the API alone, so their
 * browser stores no report (issue 10 item 7; docs/security.md).
 */
export function keepsWorkOnDevice(account: Account): boolean {
  return account.device !== undefined || account.projects.some((p) => p.role === 'observer');
}

export function isCoordinator(account: Account): boolean {
  return account.user.isAdmin || account.projects.some((p) => p.role === 'coordinator');
}
