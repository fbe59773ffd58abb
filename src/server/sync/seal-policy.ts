import type { Transaction } from 'kysely';
import type { SyncRefusal } from '../../core/api/sync-refusals.ts';
import type { Database } from '../db/schema.ts';
import type { PushMemo } from './apply-report.ts';

/**
 * Whether a readable report version of this project may be stored (docs/security.md, "Sealed projects"):
 * - an open project: stored, unless the administrator requires sealed projects (REQUIRE_SEALED_PROJECTS),
 *   when it is refused (project_sealing_required) until a coordinator seals the project;
 * - a sealed project: refused (readable_in_sealed_project) once the device has shown it holds the key (it
 *   sent a sealed version in the project before, so a readable one now is an old app or a downgrade), and
 *   always when sealed projects are required; otherwise stored and flagged: a device that has not yet
 *   received the key, listed for the coordinator (readable-senders.ts) until it does.
 * Both refusals make the device seal the report again after its next pull (src/app/sync/sealed-outbox.ts),
 * so the observer's report waits on the phone instead of being lost or stored readable.
 */
export async function readablePolicy(trx: Transaction<Database>, memo: PushMemo, projectId: string, deviceId: string): Promise<{ readonly refusal: SyncRefusal } | { readonly readableInSealed: boolean }> {
  const seal = await projectSeal(trx, memo, projectId);
  if (seal === null) return memo.sealingRequired ? { refusal: 'project_sealing_required' } : { readableInSealed: false };
  if (memo.sealingRequired || (await deviceHoldsKey(trx, memo, projectId, deviceId))) return { refusal: 'readable_in_sealed_project' };
  return { readableInSealed: true };
}

/** Whether the device has sent a sealed version in the project (the proof that it has the key). Only a yes is kept for the push. */
async function deviceHoldsKey(trx: Transaction<Database>, memo: PushMemo, projectId: string, deviceId: string): Promise<boolean> {
  if (memo.keyHolders.has(projectId)) return true;
  const sealed = await trx
    .selectFrom('report_versions')
    .innerJoin('reports', 'reports.id', 'report_versions.report_id')
    .select('report_versions.report_id')
    .where('report_versions.device_id', '=', deviceId)
    .where('report_versions.sealed', 'is not', null)
    .where('reports.project_id', '=', projectId)
    .limit(1)
    .executeTakeFirst();
  if (sealed !== undefined) memo.keyHolders.add(projectId);
  return sealed !== undefined;
}

/** The project's seal (its current key id), read once per push; null for a project that is not sealed. */
export async function projectSeal(trx: Transaction<Database>, memo: PushMemo, projectId: string): Promise<{ readonly kid: string } | null> {
  const known = memo.seals.get(projectId);
  if (known !== undefined) return known;
  const row = await trx.selectFrom('project_seals').select('kid').where('project_id', '=', projectId).executeTakeFirst();
  const seal = row === undefined ? null : { kid: row.kid };
  memo.seals.set(projectId, seal);
  return seal;
}
