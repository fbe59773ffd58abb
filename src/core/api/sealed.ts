/** Sealed projects on the report side (s11, issue 11): which devices still send readable report versions. */
import * as v from 'valibot';
import { Timestamp } from './common.ts';

/**
 * A device that sent readable report versions to a project after it was sealed (it had not yet received
 * the project's key). `lastSealedAt` is its newest sealed version there, if any: a device whose newest
 * readable version is older than that has the key now.
 */
export const ReadableSender = v.object({
  deviceId: v.string(),
  userId: v.string(),
  displayName: v.string(),
  readableVersions: v.number(),
  lastReadableAt: Timestamp,
  lastSealedAt: v.nullable(Timestamp),
});
export type ReadableSender = v.InferOutput<typeof ReadableSender>;
export const ReadableSenderList = v.object({ devices: v.array(ReadableSender) });
