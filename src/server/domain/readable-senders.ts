import type { Kysely } from 'kysely';
import type { ReadableSender } from '../../core/api/sealed.ts';
import type { Database } from '../db/schema.ts';

/**
 * GET /api/projects/:projectId/readable-senders (coordinators): the devices that sent readable report
 * versions after the project was sealed (report_versions.readable_in_sealed, set by the push), newest
 * first, with each device's newest sealed version in the project so the screen can tell which still do.
 * Issue 11 part 5: "the coordinator sees which devices those are". A read: no audit entry.
 */
export async function listReadableSenders(db: Kysely<Database>, projectId: string): Promise<{ devices: ReadableSender[] }> {
  const readable = await db
    .selectFrom('report_versions')
    .innerJoin('reports', 'reports.id', 'report_versions.report_id')
    .innerJoin('users', 'users.id', 'reports.author_id')
    .select((eb) => [
      'report_versions.device_id',
      'reports.author_id',
      'users.display_name',
      eb.fn.countAll<number | string>().as('versions'),
      eb.fn.max('report_versions.created_at').as('last_at'),
    ])
    .where('reports.project_id', '=', projectId)
    .where('report_versions.readable_in_sealed', '=', 1)
    .groupBy(['report_versions.device_id', 'reports.author_id', 'users.display_name'])
    .execute();
  if (readable.length === 0) return { devices: [] };
  const sealed = await db
    .selectFrom('report_versions')
    .innerJoin('reports', 'reports.id', 'report_versions.report_id')
    .select((eb) => ['report_versions.device_id', eb.fn.max('report_versions.created_at').as('last_at')])
    .where('reports.project_id', '=', projectId)
    .where('report_versions.sealed', 'is not', null)
    .where(
      'report_versions.device_id',
      'in',
      readable.map((r) => r.device_id),
    )
    .groupBy('report_versions.device_id')
    .execute();
  const lastSealed = new Map(sealed.map((row) => [row.device_id, row.last_at]));
  return {
    devices: readable
      .map((row) => ({
        deviceId: row.device_id,
        userId: row.author_id,
        displayName: row.display_name,
        // PostgreSQL counts as bigint (a string); SQLite as a number.
        readableVersions: Number(row.versions),
        lastReadableAt: row.last_at,
        lastSealedAt: lastSealed.get(row.device_id) ?? null,
      }))
      .sort((a, b) => b.lastReadableAt.localeCompare(a.lastReadableAt) || a.deviceId.localeCompare(b.deviceId)),
  };
}
