import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import { redeemEnrolmentCode } from '../auth/device-tokens.ts';
import { issueEnrolmentCode, type IssuedCode } from '../auth/enrolment-codes.ts';
import type { Database } from '../db/schema.ts';
import { apiError, notFound } from '../errors.ts';
import { record, type Actor } from './audit.ts';
import { acknowledgeCommand } from './device-commands.ts';
import { inTransaction } from './transaction.ts';

/**
 * Devices: enrolment codes, enrolment, the list of a project's devices, revoking one and ordering a wipe.
 * The routes (routes/devices.ts, routes/enrol.ts) and `npm run admin` (issue-code, revoke-device,
 * wipe-device, list devices) call these, so a revoke or a wipe is the same rows whoever orders it.
 */

export type DeviceState = 'active' | 'revoked' | 'expired' | 'wipe_pending' | 'wiped';

/** A device someone may manage, with the project in whose name it is managed (for the audit log). */
export interface ManagedDevice {
  readonly id: string;
  readonly projectId: string | null;
}

/**
 * POST /api/projects/:projectId/enrolment-codes and `admin issue-code`: a one-time code enrolling one
 * device of an observer of the project. Body: { userId }. Answer: { code, expiresAt, enrolPath, publicUrl } (201).
 */
export async function issueDeviceCode(db: Kysely<Database>, actor: Actor, input: { readonly projectId: string; readonly userId: string }): Promise<IssuedCode> {
  return inTransaction(db, async (trx) => {
    const member = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.role', 'users.disabled_at'])
      .where('memberships.project_id', '=', input.projectId)
      .where('memberships.user_id', '=', input.userId)
      .executeTakeFirst();
    if (member?.role !== 'observer') throw apiError('not_an_observer', {});
    if (member.disabled_at !== null) throw apiError('enrol_disabled_account', {});
    const issued = await issueEnrolmentCode(trx, { userId: input.userId, projectId: input.projectId, createdBy: actor.userId });
    await record(trx, actor, { action: 'device.code_issued', projectId: input.projectId, target: input.userId });
    return issued;
  });
}

/**
 * POST /api/enrol: a device redeems a code for its id and token. Body: { code }. Answer: { deviceId, token, expiresAt } (201).
 * A wrong, used or expired code is audited (device.enrol_failed) and answered 400 bad_enrolment_code.
 */
export async function enrolDevice(db: Kysely<Database>, code: string): Promise<{ deviceId: string; token: string; expiresAt: string }> {
  const enrolled = await inTransaction(db, async (trx) => {
    const redeemed = await redeemEnrolmentCode(trx, code);
    if (redeemed !== undefined) await record(trx, { userId: redeemed.userId, via: 'api' }, { action: 'device.enrolled', projectId: redeemed.projectId, target: redeemed.deviceId });
    return redeemed;
  });
  if (enrolled === undefined) {
    // Its own transaction: the refusal is recorded although nothing else is stored.
    await record(db, { userId: null, via: 'api' }, { action: 'device.enrol_failed' });
    throw apiError('bad_enrolment_code', {});
  }
  return { deviceId: enrolled.deviceId, token: enrolled.token, expiresAt: enrolled.expiresAt };
}

/**
 * The device a caller may manage, or 404 (docs/security.md, tenancy): a device enrolled by a project is
 * managed by that project's coordinators alone, even when its person belongs to other projects too. A
 * device first seen through a password session has no project and may hold the work of every project its
 * person belongs to, so a coordinator manages it only when they coordinate all of those projects;
 * otherwise only an administrator does. A wipe destroys unsent work, so nobody may order one for work of
 * a project they do not coordinate.
 */
export async function managedDevice(db: Kysely<Database>, access: Access | 'administrator', deviceId: string): Promise<ManagedDevice> {
  const device = await db.selectFrom('devices').select(['id', 'user_id', 'project_id']).where('id', '=', deviceId).executeTakeFirst();
  if (device === undefined) throw notFound('device');
  if (access === 'administrator' || access.isAdmin) return { id: device.id, projectId: device.project_id };
  const projects = device.project_id !== null ? [device.project_id] : (await db.selectFrom('memberships').select('project_id').where('user_id', '=', device.user_id).execute()).map((m) => m.project_id);
  // 404, not 403: a coordinator learns nothing about other projects' devices.
  if (projects.length === 0 || !projects.every((p) => isCoordinator(access, p))) throw notFound('device');
  return { id: device.id, projectId: projects[0] ?? null };
}

/**
 * POST /api/devices/:deviceId/revoke and `admin revoke-device`: the token stops working at once.
 * Answer: { ok: true }. Revoking twice changes nothing and is audited once.
 */
export async function revokeDevice(db: Kysely<Database>, actor: Actor, device: ManagedDevice, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.updateTable('devices').set({ revoked_at: now.toISOString(), revoked_by: actor.userId }).where('id', '=', device.id).where('revoked_at', 'is', null).executeTakeFirst();
    const revoked = result.numUpdatedRows > 0n;
    if (revoked) await record(trx, actor, { action: 'device.revoked', projectId: device.projectId, target: device.id });
    return revoked;
  });
}

/**
 * POST /api/devices/:deviceId/wipe and `admin wipe-device`: on its next sync the device deletes everything
 * the app keeps. The device must still reach the server to receive the order, so a wipe does not revoke;
 * the device's acknowledgement does. Answer: { ok: true, commandId } (201 when ordered now, 200 when one
 * was pending already). The command and its audit entry are one transaction.
 */
export async function orderWipe(db: Kysely<Database>, actor: Actor, device: ManagedDevice, now = new Date()): Promise<{ commandId: string; ordered: boolean }> {
  return inTransaction(db, async (trx) => {
    const pending = await trx.selectFrom('device_commands').select('id').where('device_id', '=', device.id).where('command', '=', 'wipe').where('acknowledged_at', 'is', null).executeTakeFirst();
    if (pending !== undefined) return { commandId: pending.id, ordered: false };
    const id = uuidv7();
    await trx.insertInto('device_commands').values({ id, device_id: device.id, command: 'wipe', created_by: actor.userId, created_at: now.toISOString(), delivered_at: null, acknowledged_at: null }).execute();
    await record(trx, actor, { action: 'device.wipe_ordered', projectId: device.projectId, target: device.id });
    return { commandId: id, ordered: true };
  });
}

/**
 * POST /api/devices/commands/:commandId/ack: the device itself confirms a command before carrying it out
 * (the wipe takes its token with it). Body: { deviceId }. Answer: { ok: true }; 404 for a command of another device or person.
 */
export async function acknowledgeDeviceCommand(db: Kysely<Database>, access: Access, deviceId: string, commandId: string): Promise<void> {
  if (access.deviceId !== undefined && access.deviceId !== deviceId) throw notFound('command');
  await inTransaction(db, async (trx) => {
    const device = await trx.selectFrom('devices').select(['user_id', 'project_id']).where('id', '=', deviceId).executeTakeFirst();
    if (device === undefined || device.user_id !== access.user.id) throw notFound('command');
    const command = await acknowledgeCommand(trx, deviceId, commandId);
    if (command === undefined) throw notFound('command');
    await record(trx, { userId: access.user.id, via: 'api' }, { action: 'device.wipe_acknowledged', projectId: device.project_id, target: deviceId });
  });
}

/**
 * GET /api/projects/:projectId/devices: the devices this caller may manage in the project, newest first.
 * Answer: { devices: { id, userId, username, displayName, enrolled, createdAt, lastSyncAt, revokedAt, state: DeviceState,
 * wipe: { orderedAt, deliveredAt, acknowledgedAt } | null }[] }.
 */
export async function listProjectDevices(db: Kysely<Database>, access: Access, projectId: string, now = new Date()) {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select(['devices.id', 'devices.user_id', 'users.username', 'users.display_name', 'devices.created_at', 'devices.enrolled_at', 'devices.last_sync_at', 'devices.revoked_at', 'devices.token_expires_at'])
    .where((eb) =>
      eb.or([
        eb('devices.project_id', '=', projectId),
        eb.and([
          eb('devices.project_id', 'is', null),
          eb('devices.user_id', 'in', eb.selectFrom('memberships').select('user_id').where('project_id', '=', projectId)),
          // Only the password-session devices this caller may manage (managedDevice): the person belongs to no project they do not coordinate.
          ...(access.isAdmin ? [] : [eb.not(eb.exists(eb.selectFrom('memberships as other').select('other.user_id').whereRef('other.user_id', '=', 'devices.user_id').where('other.project_id', 'not in', coordinatedProjects(access))))]),
        ]),
      ]),
    )
    .orderBy('devices.created_at', 'desc')
    .execute();
  const ids = rows.map((r) => r.id);
  const commands = ids.length === 0 ? [] : await db.selectFrom('device_commands').selectAll().where('device_id', 'in', ids).orderBy('created_at').execute();
  return {
    devices: rows.map((r) => {
      const wipe = commands.filter((c) => c.device_id === r.id && c.command === 'wipe').at(-1);
      const state: DeviceState =
        wipe?.acknowledged_at != null ? 'wiped' : wipe !== undefined ? 'wipe_pending' : r.revoked_at !== null ? 'revoked' : r.token_expires_at !== null && r.token_expires_at <= at ? 'expired' : 'active';
      return {
        id: r.id,
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
        enrolled: r.enrolled_at !== null,
        createdAt: r.created_at,
        lastSyncAt: r.last_sync_at,
        revokedAt: r.revoked_at,
        state,
        wipe: wipe === undefined ? null : { orderedAt: wipe.created_at, deliveredAt: wipe.delivered_at, acknowledgedAt: wipe.acknowledged_at },
      };
    }),
  };
}

/** `admin list devices`: every device, oldest first. */
export async function listAllDevices(db: Kysely<Database>) {
  return db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select(['devices.id', 'users.username', 'devices.last_sync_at', 'devices.revoked_at', 'devices.enrolled_at'])
    .orderBy('devices.created_at')
    .execute();
}
