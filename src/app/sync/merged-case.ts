import type { CaseMerged } from '../../core/sync/protocol.ts';
import type { DeviceDatabase } from '../db/database.ts';

/**
 * A coordinator merged case `id` into case `into` (src/server/domain/case-merge.ts). Inside the pull's
 * transaction, nothing of `id` is lost and it leaves the case list:
 * - every report this device holds on it moves to `into`: drafts (also amendments), reports waiting to be
 *   sent and refused ones, whose words only this device has; sent ones too (the server moved them, and
 *   their records may come in a later page);
 * - a report still in the outbox is sent to `into`, since `id` no longer exists on the server;
 * - the observer's own register of the case moves too; an entry `into` already holds (same code, same
 *   name) is kept once, and one whose code names someone else there is kept beside it for the observer
 *   to sort out (the register is never sent, so the device must not choose);
 * - the case itself is deleted.
 * A merge the device has no trace of changes nothing.
 */
export async function moveMergedCase(db: DeviceDatabase, merge: CaseMerged): Promise<void> {
  const { id, into } = merge;
  const reports = await db.reports.where('caseId').equals(id).toArray();
  await db.reports.bulkPut(reports.map((report) => ({ ...report, caseId: into })));

  const queued = await db.outbox.filter((row) => row.entity === 'report' && row.payload.caseId === id).toArray();
  await db.outbox.bulkPut(queued.map((row) => (row.entity === 'report' ? { ...row, payload: { ...row.payload, caseId: into } } : row)));

  const kept = await db.register.where('caseId').equals(into).toArray();
  for (const entry of await db.register.where('caseId').equals(id).toArray()) {
    const same = kept.some((k) => k.code === entry.code && k.name.trim().toLowerCase() === entry.name.trim().toLowerCase());
    if (same) await db.register.delete(entry.id);
    else await db.register.put({ ...entry, caseId: into });
  }

  await db.cases.delete(id);
}
