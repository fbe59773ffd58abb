import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import { audit } from '../audit/audit-log.ts';
import { issueEnrolmentCode } from '../auth/enrolment-codes.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { acknowledgeCommand } from '../devices/device-commands.ts';
import { ApiError, notFound } from '../errors.ts';
import { requireAccess, requireCommandAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';

const ProjectParams = v.strictObject({ projectId: Uuid });
const DeviceParams = v.strictObject({ deviceId: Uuid });

export type DeviceState = 'active' | 'revoked' | 'expired' | 'wipe_pending' | 'wiped';

/**
 * The project in whose name a caller manages a device (for the audit log), or 404. The rule (docs/security.md,
 * tenancy): a device enrolled by a project is managed by that project's coordinators alone, even when its
 * person belongs to other projects too. A device first seen through a password session has no project and
 * may hold the work of every project its person belongs to, so a coordinator manages it only when they
 * coordinate all of those projects; otherwise only an administrator does. A wipe destroys unsent work, so
 * nobody may order one for work of a project they do not coordinate.
 */
async function managingProject(db: Kysely<Database>, access: Access, deviceId: string): Promise<string | null> {
  const device = await db.selectFrom('devices').select(['user_id', 'project_id']).where('id', '=', deviceId).executeTakeFirst();
  if (device === undefined) throw notFound('The device');
  if (access.isAdmin) return device.project_id;
  const projects = device.project_id !== null ? [device.project_id] : (await db.selectFrom('memberships').select('project_id').where('user_id', '=', device.user_id).execute()).map((m) => m.project_id);
  // 404, not 403: a coordinator learns nothing about other projects' devices.
  if (projects.length === 0 || !projects.every((p) => isCoordinator(access, p))) throw notFound('The device');
  return projects[0] ?? null;
}

/** Enrolment codes, the list of devices and what coordinators do to one: revoke it or order a wipe. */
export function deviceRoutes(app: FastifyInstance, database: Db, publicUrl: string | undefined): void {
  const { db } = database;

  app.post('/api/projects/:projectId/enrolment-codes', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const { userId } = parseInput(v.strictObject({ userId: Uuid }), request.body, 'enrolment code request');
    requireCoordinatorOf(access, projectId);
    const member = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.role', 'users.disabled_at'])
      .where('memberships.project_id', '=', projectId)
      .where('memberships.user_id', '=', userId)
      .executeTakeFirst();
    if (member?.role !== 'observer') throw new ApiError(400, 'not_an_observer', 'Enrolment codes are for observers of this project.');
    if (member.disabled_at !== null) throw new ApiError(400, 'account_disabled', 'This account is disabled: enable it before enrolling a device.');
    const issued = await issueEnrolmentCode(db, { userId, projectId, createdBy: access.user.id });
    await audit(db, { actorId: access.user.id, action: 'device.code_issued', projectId, target: userId });
    // publicUrl null: PUBLIC_URL is unset, and the coordinator's screen falls back to its own address, with a warning when phones cannot use it.
    return reply.status(201).send({ code: issued.code, expiresAt: issued.expiresAt, enrolPath: `/enrol#code=${issued.code}`, publicUrl: publicUrl ?? null });
  });

  app.get('/api/projects/:projectId/devices', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    const now = new Date().toISOString();
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
            // Only the password-session devices this caller may manage (managingProject): the person belongs to no project they do not coordinate.
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
          wipe?.acknowledged_at != null ? 'wiped' : wipe !== undefined ? 'wipe_pending' : r.revoked_at !== null ? 'revoked' : r.token_expires_at !== null && r.token_expires_at <= now ? 'expired' : 'active';
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
  });

  app.post('/api/devices/:deviceId/revoke', async (request) => {
    const access = requireAccess(request);
    const { deviceId } = parseInput(DeviceParams, request.params, 'device id');
    if (access.deviceId !== undefined) throw new ApiError(403, 'forbidden', 'A device cannot revoke devices.');
    const projectId = await managingProject(db, access, deviceId);
    const now = new Date().toISOString();
    const result = await db.updateTable('devices').set({ revoked_at: now, revoked_by: access.user.id }).where('id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
    if (result.numUpdatedRows > 0n) await audit(db, { actorId: access.user.id, action: 'device.revoked', projectId, target: deviceId });
    return { ok: true };
  });

  app.post('/api/devices/:deviceId/wipe', async (request, reply) => {
    const access = requireAccess(request);
    const { deviceId } = parseInput(DeviceParams, request.params, 'device id');
    if (access.deviceId !== undefined) throw new ApiError(403, 'forbidden', 'A device cannot order wipes.');
    const projectId = await managingProject(db, access, deviceId);
    const pending = await db.selectFrom('device_commands').select('id').where('device_id', '=', deviceId).where('command', '=', 'wipe').where('acknowledged_at', 'is', null).executeTakeFirst();
    if (pending !== undefined) return { ok: true, commandId: pending.id };
    const id = uuidv7();
    const now = new Date().toISOString();
    // The device must still reach the server to receive the order: a wipe does not revoke; the acknowledgement does.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('device_commands').values({ id, device_id: deviceId, command: 'wipe', created_by: access.user.id, created_at: now, delivered_at: null, acknowledged_at: null }).execute();
      await audit(trx, { actorId: access.user.id, action: 'device.wipe_ordered', projectId, target: deviceId });
    });
    return reply.status(201).send({ ok: true, commandId: id });
  });

  // The device itself confirms a command before carrying it out (the wipe takes its token with it).
  app.post('/api/devices/commands/:commandId/ack', async (request) => {
    const access = requireCommandAccess(request);
    const { commandId } = parseInput(v.strictObject({ commandId: Uuid }), request.params, 'command id');
    const { deviceId } = parseInput(v.strictObject({ deviceId: Uuid }), request.body, 'acknowledgement');
    if (access.deviceId !== undefined && access.deviceId !== deviceId) throw notFound('The command');
    const device = await db.selectFrom('devices').select(['user_id', 'project_id']).where('id', '=', deviceId).executeTakeFirst();
    if (device === undefined || device.user_id !== access.user.id) throw notFound('The command');
    const command = await acknowledgeCommand(db, deviceId, commandId);
    if (command === undefined) throw notFound('The command');
    await audit(db, { actorId: access.user.id, action: 'device.wipe_acknowledged', projectId: device.project_id, target: deviceId });
    return { ok: true };
  });
}
