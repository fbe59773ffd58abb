import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { acknowledgeDeviceCommand, issueDeviceCode, listProjectDevices, managedDevice, orderWipe, revokeDevice, type DeviceState } from '../domain/devices-enrolment.ts';
import { forbidden } from '../errors.ts';
import { requireAccess, requireCommandAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';

export type { DeviceState };

const ProjectParams = v.strictObject({ projectId: Uuid });
const DeviceParams = v.strictObject({ deviceId: Uuid });

/** Enrolment codes, the list of devices and what coordinators do to one: revoke it or order a wipe (src/server/domain/devices-enrolment.ts). */
export function deviceRoutes(app: FastifyInstance, database: Db, publicUrl: string | undefined): void {
  const { db } = database;

  app.post('/api/projects/:projectId/enrolment-codes', async (request, reply) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    const { userId } = parseInput(v.strictObject({ userId: Uuid }), request.body, 'enrolment code request');
    requireCoordinatorOf(access, projectId);
    const issued = await issueDeviceCode(db, apiActor(access.user.id), { projectId, userId });
    // publicUrl null: PUBLIC_URL is unset, and the coordinator's screen falls back to its own address, with a warning when phones cannot use it.
    return reply.status(201).send({ code: issued.code, expiresAt: issued.expiresAt, enrolPath: `/enrol#code=${issued.code}`, publicUrl: publicUrl ?? null });
  });

  app.get('/api/projects/:projectId/devices', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    return listProjectDevices(db, access, projectId);
  });

  app.post('/api/devices/:deviceId/revoke', async (request) => {
    const access = requireAccess(request);
    const { deviceId } = parseInput(DeviceParams, request.params, 'device id');
    if (access.deviceId !== undefined) throw forbidden('device_revokes_device');
    await revokeDevice(db, apiActor(access.user.id), await managedDevice(db, access, deviceId));
    return { ok: true };
  });

  app.post('/api/devices/:deviceId/wipe', async (request, reply) => {
    const access = requireAccess(request);
    const { deviceId } = parseInput(DeviceParams, request.params, 'device id');
    if (access.deviceId !== undefined) throw forbidden('device_wipes_device');
    const wipe = await orderWipe(db, apiActor(access.user.id), await managedDevice(db, access, deviceId));
    return reply.status(wipe.ordered ? 201 : 200).send({ ok: true, commandId: wipe.commandId });
  });

  // The device itself confirms a command before carrying it out (the wipe takes its token with it).
  app.post('/api/devices/commands/:commandId/ack', async (request) => {
    const access = requireCommandAccess(request);
    const { commandId } = parseInput(v.strictObject({ commandId: Uuid }), request.params, 'command id');
    const { deviceId } = parseInput(v.strictObject({ deviceId: Uuid }), request.body, 'acknowledgement');
    await acknowledgeDeviceCommand(db, access, deviceId, commandId);
    return { ok: true };
  });
}
