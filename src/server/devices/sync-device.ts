import type { Kysely } from 'kysely';
import type { PullResponse } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { apiError, type ApiError } from '../errors.ts';
import { pendingCommands } from '../domain/device-commands.ts';

/**
 * Checks the device a sync request names. With a device token the device is the token's, and the body
 * may not name another. With a session (password sign-in) the named device must not be revoked, so a
 * revoked phone stops syncing at once whichever way it signs in.
 */
export async function checkSyncDevice(db: Kysely<Database>, access: Access, deviceId: string | undefined): Promise<string | undefined> {
  if (access.wipeOnly === true) throw revoked();
  if (access.deviceId !== undefined && deviceId !== undefined && deviceId !== access.deviceId) {
    throw apiError('device_mismatch', {});
  }
  const id = access.deviceId ?? deviceId;
  if (id === undefined) return undefined;
  const device = await db.selectFrom('devices').select(['revoked_at', 'user_id']).where('id', '=', id).executeTakeFirst();
  if (device !== undefined && device.user_id === access.user.id && device.revoked_at !== null) {
    throw revoked();
  }
  return id;
}

const revoked = (): ApiError =>
  apiError('device_revoked', {});

/**
 * A pull: the changes and the device's commands. A revoked device whose wipe is waiting gets the
 * commands alone, with its cursor unchanged and no data, so a lost phone still receives the wipe.
 */
export async function pullForDevice(
  db: Kysely<Database>,
  access: Access,
  requestedDevice: string | undefined,
  cursor: number,
  pull: () => Promise<PullResponse>,
): Promise<PullResponse> {
  if (access.wipeOnly === true || (await revokedWithWipe(db, access, requestedDevice))) {
    const deviceId = access.deviceId ?? requestedDevice ?? '';
    return withDeviceCommands(db, access, deviceId, { cursor, hasMore: false, changes: [] });
  }
  const deviceId = await checkSyncDevice(db, access, requestedDevice);
  return withDeviceCommands(db, access, deviceId, await pull());
}

async function revokedWithWipe(db: Kysely<Database>, access: Access, deviceId: string | undefined): Promise<boolean> {
  if (access.deviceId !== undefined || deviceId === undefined) return false;
  const row = await db
    .selectFrom('devices')
    .innerJoin('device_commands', 'device_commands.device_id', 'devices.id')
    .select('devices.id')
    .where('devices.id', '=', deviceId)
    .where('devices.user_id', '=', access.user.id)
    .where('devices.revoked_at', 'is not', null)
    .where('device_commands.acknowledged_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds the device's pending commands (wipe) to a pull page and notes when the device last pulled. */
export async function withDeviceCommands(db: Kysely<Database>, access: Access, deviceId: string | undefined, page: PullResponse): Promise<PullResponse> {
  if (deviceId === undefined) return page;
  const owned = await db.selectFrom('devices').select('id').where('id', '=', deviceId).where('user_id', '=', access.user.id).executeTakeFirst();
  if (owned === undefined) return page;
  await db.updateTable('devices').set({ last_sync_at: new Date().toISOString() }).where('id', '=', deviceId).execute();
  const commands = await pendingCommands(db, deviceId);
  if (commands.length === 0) return page;
  // Commands are not in the change log: they carry the page's cursor and come first, before any data.
  return { ...page, changes: [...commands.map((data) => ({ position: page.cursor, entity: 'command' as const, data })), ...page.changes] };
}
