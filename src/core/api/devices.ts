/** Enrolment codes, a project's devices, and what coordinators do to one: revoke it or order a wipe. */
import * as v from 'valibot';
import { Uuid } from '../sync/protocol.ts';
import { Timestamp } from './common.ts';

export const EnrolmentCodeRequest = v.strictObject({ userId: Uuid });
/** publicUrl null: PUBLIC_URL is unset, and the coordinator's screen falls back to its own address. */
export const EnrolmentCode = v.object({ code: v.string(), expiresAt: Timestamp, enrolPath: v.string(), publicUrl: v.nullable(v.string()) });
export type EnrolmentCode = v.InferOutput<typeof EnrolmentCode>;

export const DeviceState = v.picklist(['active', 'revoked', 'expired', 'wipe_pending', 'wiped']);
export type DeviceState = v.InferOutput<typeof DeviceState>;
export const ProjectDevice = v.object({
  id: v.string(),
  userId: v.string(),
  username: v.string(),
  displayName: v.string(),
  enrolled: v.boolean(),
  createdAt: Timestamp,
  lastSyncAt: v.nullable(Timestamp),
  revokedAt: v.nullable(Timestamp),
  state: DeviceState,
  wipe: v.nullable(v.object({ orderedAt: Timestamp, deliveredAt: v.nullable(Timestamp), acknowledgedAt: v.nullable(Timestamp) })),
});
export type ProjectDevice = v.InferOutput<typeof ProjectDevice>;
export const DeviceList = v.object({ devices: v.array(ProjectDevice) });

export const DeviceParams = v.strictObject({ deviceId: Uuid });
export const WipeOrdered = v.object({ ok: v.literal(true), commandId: v.string() });
export const CommandParams = v.strictObject({ commandId: Uuid });
export const CommandAck = v.strictObject({ deviceId: Uuid });
