import type { Kysely } from 'kysely';
import type { DeviceCommand } from '../../core/sync/protocol.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from './transaction.ts';

/**
 * The commands a device has not acknowledged yet, to ride on its next pull. The first delivery is
 * recorded, so the coordinator sees "delivered" before "done"; a command is sent again on every pull
 * until the device acknowledges it (a lost response must not lose the wipe).
 */
export async function pendingCommands(db: Kysely<Database>, deviceId: string, now = new Date()): Promise<DeviceCommand[]> {
  const rows = await db
    .selectFrom('device_commands')
    .select(['id', 'command', 'created_at', 'delivered_at'])
    .where('device_id', '=', deviceId)
    .where('acknowledged_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const undelivered = rows.filter((r) => r.delivered_at === null).map((r) => r.id);
  if (undelivered.length > 0) await db.updateTable('device_commands').set({ delivered_at: now.toISOString() }).where('id', 'in', undelivered).execute();
  return rows.map((r) => ({ id: r.id, command: r.command, issuedAt: r.created_at }));
}

/** The device confirms it is carrying the command out; a wiped device also loses its token. */
export async function acknowledgeCommand(db: Kysely<Database>, deviceId: string, commandId: string, now = new Date()): Promise<'wipe' | undefined> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('device_commands').select(['command', 'acknowledged_at']).where('id', '=', commandId).where('device_id', '=', deviceId).executeTakeFirst();
    if (row === undefined) return undefined;
    if (row.acknowledged_at === null) {
      await trx.updateTable('device_commands').set({ acknowledged_at: now.toISOString() }).where('id', '=', commandId).execute();
      await trx.updateTable('devices').set({ revoked_at: now.toISOString() }).where('id', '=', deviceId).where('revoked_at', 'is', null).execute();
    }
    return row.command;
  });
}
