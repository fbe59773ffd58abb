import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Account } from './base/account.ts';
import type { DeviceDatabase } from './db/database.ts';
import type { SyncScheduler } from './sync/scheduler.ts';

/** The signed-in observer's world: their account, their device database and its sync loop. */
export interface Session {
  readonly account: Account;
  readonly db: DeviceDatabase;
  readonly sync: SyncScheduler;
  readonly signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside a signed-in screen');
  return session;
}
