import type { Kysely } from 'kysely';
import type { PullResponse } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import { compiledOnce } from '../db/compiled-once.ts';
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
  const [device] = await syncDeviceRow(db, id);
  if (device !== undefined && device.user_id === access.user.id && device.revoked_at !== null) {
    throw revoked();
  }
  return id;
}

/** Every push checks its device so: compiled once (compiled-once.ts). */
const syncDeviceRow = compiledOnce((db, deviceId: string) => db.selectFrom('devices').select(['revoked_at', 'user_id']).where('id', '=', deviceId));

const revoked = (): ApiError =>
  apiError('device_revoked', {});

/** How stale the device's "last synced" may get before a pull writes it again (the push writes it anyway). */
export const LAST_SYNC_STAMP_MS = 60_000;

/**
 * A pull: the changes and the device's commands. A revoked device whose wipe is waiting gets the
 * commands alone, with its cursor unchanged and no data, so a lost phone still receives the wipe.
 *
 * Every pull of every phone comes here, so the device is read once, with whether a command waits for
 * it, and "last synced" is written only when it is older than a minute: on SQLite each of those writes
 * was a commit of its own, with its fsync, for a time the coordinator reads to the minute.
 */
export async function pullForDevice(
  db: Kysely<Database>,
  access: Access,
  requestedDevice: string | undefined,
  cursor: number,
  pull: () => Promise<PullResponse>,
  now = new Date(),
): Promise<PullResponse> {
  const deviceId = access.deviceId ?? requestedDevice;
  if (access.wipeOnly !== true && access.deviceId !== undefined && requestedDevice !== undefined && requestedDevice !== access.deviceId) {
    throw apiError('device_mismatch', {});
  }
  const device = deviceId === undefined ? undefined : await readOwnDevice(db, access, deviceId);
  // Signed in with a password, on a phone that was revoked: the wipe waiting for it is all it gets.
  const revokedWithWipe = access.deviceId === undefined && device !== undefined && device.revoked_at !== null && device.commands > 0;
  if (access.wipeOnly === true || revokedWithWipe) {
    return withCommands(db, deviceId ?? '', device, { cursor, hasMore: false, changes: [] }, now);
  }
  if (device !== undefined && device.revoked_at !== null) throw revoked();
  return withCommands(db, deviceId ?? '', device, await pull(), now);
}

interface OwnDevice {
  readonly revoked_at: string | null;
  readonly last_sync_at: string | null;
  /** Commands not acknowledged yet. */
  readonly commands: number;
}

/** The caller's device, in one statement; undefined when no such device is the caller's (not registered yet, or another user's). */
async function readOwnDevice(db: Kysely<Database>, access: Access, deviceId: string): Promise<OwnDevice | undefined> {
  const [row] = await ownDeviceRow(db, deviceId, access.user.id);
  return row === undefined ? undefined : { revoked_at: row.revoked_at, last_sync_at: row.last_sync_at, commands: row.commands ?? 0 };
}

/** Every pull reads its device so: compiled once (compiled-once.ts). */
const ownDeviceRow = compiledOnce((db, deviceId: string, userId: string) =>
  db
    .selectFrom('devices')
    .select((eb) => [
      'devices.revoked_at',
      'devices.last_sync_at',
      eb
        .selectFrom('device_commands')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('device_commands.device_id', '=', 'devices.id')
        .where('device_commands.acknowledged_at', 'is', null)
        .as('commands'),
    ])
    .where('devices.id', '=', deviceId)
    .where('devices.user_id', '=', userId),
);

/** Adds the device's pending commands (wipe) to a pull page and notes, to the minute, when the device last pulled. */
async function withCommands(db: Kysely<Database>, deviceId: string, device: OwnDevice | undefined, page: PullResponse, now: Date): Promise<PullResponse> {
  if (device === undefined) return page;
  if (device.last_sync_at === null || Date.parse(device.last_sync_at) <= now.getTime() - LAST_SYNC_STAMP_MS) {
    await db.updateTable('devices').set({ last_sync_at: now.toISOString() }).where('id', '=', deviceId).execute();
  }
  if (device.commands === 0) return page;
  const commands = await pendingCommands(db, deviceId, now);
  if (commands.length === 0) return page;
  // Commands are not in the change log: they carry the page's cursor and come first, before any data.
  return { ...page, changes: [...commands.map((data) => ({ position: page.cursor, entity: 'command' as const, data })), ...page.changes] };
}
