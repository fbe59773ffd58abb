import type { DeviceDatabase } from './database.ts';

/**
 * Takes on the id the server gave this device at enrolment. The server numbers a new device's changes
 * from 1, so changes still queued here (from an earlier password session) are renumbered 1..n in the same
 * transaction: none is lost, none is skipped.
 */
export async function adoptDeviceId(db: DeviceDatabase, deviceId: string): Promise<void> {
  await db.transaction('rw', db.state, db.outbox, async () => {
    const queued = await db.outbox.orderBy('seq').toArray();
    await db.outbox.clear();
    await db.outbox.bulkAdd(queued.map((row, i) => ({ ...row, seq: i + 1 })));
    await db.state.put({ key: 'lastSeq', value: queued.length });
    await db.state.put({ key: 'deviceId', value: deviceId });
  });
}

/** After enrolment the database is opened only once unlocked: it adopts the enrolled id then (once; a no-op after). */
export async function adoptEnrolledDeviceId(db: DeviceDatabase, enrolledId: string | undefined): Promise<void> {
  if (enrolledId === undefined) return;
  if ((await db.state.get('deviceId'))?.value === enrolledId) return;
  await adoptDeviceId(db, enrolledId);
}
