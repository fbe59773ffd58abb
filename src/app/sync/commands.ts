import type { DeviceCommand } from '../../core/sync/protocol.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { Connection } from '../base/api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { readState } from '../db/state.ts';
import { wipeDevice } from '../lock/wipe.ts';

/** Thrown after a wipe, to stop the sync round: there is nothing left to apply to. */
export class DeviceWiped extends Error {
  constructor() {
    super('This device was wiped on the coordinator’s order.');
  }
}

/**
 * Carries out the commands a pull brought (SECURITY.md "lost device"). A wipe is acknowledged first,
 * while the device can still prove who it is, then wipes the device as the quick wipe does (lock/wipe.ts:
 * the wrapped key first, then every database, cache, stored value and the service worker) and reloads.
 */
export async function carryOutCommands(db: DeviceDatabase, commands: readonly DeviceCommand[], connection: Connection): Promise<void> {
  const wipe = commands.find((c) => c.command === 'wipe');
  if (wipe === undefined) return;
  const deviceId = await readState(db, 'deviceId');
  // Best effort: a wipe that cannot report back must still happen.
  await call(contract.ackCommand, { params: { commandId: wipe.id }, body: { deviceId: String(deviceId ?? '') } }, connection).catch(() => undefined);
  connection.token = undefined;
  db.close();
  await wipeDevice();
  location.replace('/');
  throw new DeviceWiped();
}
