import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { acknowledgeDeviceCommand, issueDeviceCode, listProjectDevices, managedDevice, orderWipe, revokeDevice, type DeviceState } from '../domain/devices-enrolment.ts';
import { forbidden } from '../errors.ts';
import { requireAccess, requireCommandAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { registerRoute } from '../http/register-route.ts';

export type { DeviceState };

/** Enrolment codes, the list of devices and what coordinators do to one: revoke it or order a wipe (src/server/domain/devices-enrolment.ts). */
export function deviceRoutes(app: FastifyInstance, database: Db, publicUrl: string | undefined): void {
  const { db } = database;

  registerRoute(app, contract.issueEnrolmentCode, async ({ params: { projectId }, body: { userId } }, request, reply) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    const issued = await issueDeviceCode(db, apiActor(access.user.id), { projectId, userId });
    void reply.status(201);
    // publicUrl null: PUBLIC_URL is unset, and the coordinator's screen falls back to its own address, with a warning when phones cannot use it.
    return { code: issued.code, expiresAt: issued.expiresAt, enrolPath: `/enrol#code=${issued.code}`, publicUrl: publicUrl ?? null };
  });

  registerRoute(app, contract.listDevices, async ({ params: { projectId } }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    return listProjectDevices(db, access, projectId);
  });

  registerRoute(app, contract.revokeDevice, async ({ params: { deviceId } }, request) => {
    const access = requireAccess(request);
    if (access.deviceId !== undefined) throw forbidden('device_revokes_device');
    await revokeDevice(db, apiActor(access.user.id), await managedDevice(db, access, deviceId));
    return { ok: true };
  });

  registerRoute(app, contract.wipeDevice, async ({ params: { deviceId } }, request, reply) => {
    const access = requireAccess(request);
    if (access.deviceId !== undefined) throw forbidden('device_wipes_device');
    const wipe = await orderWipe(db, apiActor(access.user.id), await managedDevice(db, access, deviceId));
    void reply.status(wipe.ordered ? 201 : 200);
    return { ok: true, commandId: wipe.commandId };
  });

  // The device itself confirms a command before carrying it out (the wipe takes its token with it).
  registerRoute(app, contract.ackCommand, async ({ params: { commandId }, body: { deviceId } }, request) => {
    const access = requireCommandAccess(request);
    await acknowledgeDeviceCommand(db, access, deviceId, commandId);
    return { ok: true };
  });
}
