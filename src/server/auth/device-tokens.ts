import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { compiledOnce } from '../db/compiled-once.ts';
import type { Database, User } from '../db/schema.ts';
import { normaliseCode } from './enrolment-codes.ts';
import { hashSecret, randomToken } from './secret-hash.ts';
import { inTransaction } from '../domain/transaction.ts';

/** A device token lasts half a year; the coordinator enrols the device again after that (or revokes it sooner). */
export const DEVICE_TOKEN_DAYS = 180;

export interface Enrolled {
  readonly deviceId: string;
  readonly token: string;
  readonly expiresAt: string;
  readonly userId: string;
  readonly projectId: string;
}

/**
 * Redeems a one-time code: creates the device and its token in one transaction. The code is claimed with
 * a conditional update, so two devices racing with one code cannot both win. Returns undefined when the
 * code is unknown, used, expired, or its user is disabled: the caller says so without telling which.
 */
export async function redeemEnrolmentCode(db: Kysely<Database>, code: string, now = new Date()): Promise<Enrolled | undefined> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('enrolment_codes')
      .innerJoin('users', 'users.id', 'enrolment_codes.user_id')
      .select(['enrolment_codes.id', 'enrolment_codes.user_id', 'enrolment_codes.project_id'])
      .where('enrolment_codes.id', '=', hashSecret(normaliseCode(code)))
      .where('enrolment_codes.used_at', 'is', null)
      .where('enrolment_codes.expires_at', '>', at)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const deviceId = uuidv7();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + DEVICE_TOKEN_DAYS * 86_400_000).toISOString();
    const claimed = await trx.updateTable('enrolment_codes').set({ used_at: at }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) return undefined;
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        user_id: row.user_id,
        last_seq: 0,
        created_at: at,
        last_sync_at: null,
        token_hash: hashSecret(token),
        token_expires_at: expiresAt,
        project_id: row.project_id,
        enrolled_at: at,
      })
      .execute();
    await trx.updateTable('enrolment_codes').set({ device_id: deviceId }).where('id', '=', row.id).execute();
    return { deviceId, token, expiresAt, userId: row.user_id, projectId: row.project_id };
  });
}

export type DeviceTokenResult =
  /** `projectId`: the project that enrolled the device, the only one its token reaches. */
  | { readonly status: 'ok'; readonly user: User; readonly deviceId: string; readonly projectId: string | null }
  /** Revoked, but a wipe waits for it: the device may still fetch and acknowledge its commands, nothing else. */
  | { readonly status: 'wipe_only'; readonly user: User; readonly deviceId: string; readonly projectId: string | null }
  | { readonly status: 'revoked' | 'expired' | 'unknown' | 'disabled' };

/** Every request of an enrolled phone resolves its token so: compiled once (compiled-once.ts). */
const deviceTokenRow = compiledOnce((db, tokenHash: string) =>
  db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .selectAll('users')
    .select(['devices.id as device_id', 'devices.project_id as device_project', 'devices.revoked_at', 'devices.token_expires_at'])
    .where('devices.token_hash', '=', tokenHash),
);

/** Resolves a bearer token to its device and user, saying why when it no longer works. */
export async function userForDeviceToken(db: Kysely<Database>, token: string, now = new Date()): Promise<DeviceTokenResult> {
  const [row] = await deviceTokenRow(db, hashSecret(token));
  if (row === undefined) return { status: 'unknown' };
  const { device_id: deviceId, device_project: projectId, revoked_at: _revoked, token_expires_at: _expires, ...user } = row;
  if (row.revoked_at !== null) {
    const wipe = await db.selectFrom('device_commands').select('id').where('device_id', '=', deviceId).where('acknowledged_at', 'is', null).executeTakeFirst();
    return wipe === undefined ? { status: 'revoked' } : { status: 'wipe_only', user, deviceId, projectId };
  }
  if (row.token_expires_at === null || row.token_expires_at <= now.toISOString()) return { status: 'expired' };
  if (row.disabled_at !== null) return { status: 'disabled' };
  return { status: 'ok', user, deviceId, projectId };
}
