import type { Transaction } from 'kysely';
import { canonicalJson } from '../../core/canonical-json.ts';
import { parseSealedBox } from '../../core/seal/envelope.ts';
import type { SealedReportFields } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import type { FormCache } from '../forms/form-cache.ts';
import { refuse, type Applied } from './apply-case.ts';
import { emptyPushMemo, reportContentHash, reportTarget, type PushMemo } from './apply-report.ts';
import { projectSeal } from './seal-policy.ts';

/**
 * Stores a sealed report version (docs/security.md, "Sealed projects"): the box and the metadata, and
 * nothing readable of the content (answers '{}', no reason, no findings). The server cannot open the box,
 * so it checks only what it can: the project is sealed, the box parses and names the project's current
 * key, the form was published. The box is bound to baseVersion + 1, so it is stored only as that
 * version: a device that had not seen the current version is refused (sealed_base_stale) and seals its
 * content again for the newer version after its next pull; no conflict version is ever stored sealed
 * under a number it was not sealed for. The same box again is `unchanged` (the content hash is over the
 * metadata and the box).
 */
export async function applySealedReport(
  trx: Transaction<Database>,
  access: Access,
  deviceId: string,
  id: string,
  baseVersion: number,
  fields: SealedReportFields,
  forms: FormCache,
  now: string,
  memo: PushMemo = emptyPushMemo(),
): Promise<Applied> {
  const target = await reportTarget(trx, access, id, fields, memo);
  if ('result' in target) return target;
  const { existing, caseId } = target;
  const seal = await projectSeal(trx, memo, fields.projectId);
  if (seal === null) return refuse('project_not_sealed');
  let box;
  try {
    box = parseSealedBox(fields.sealed);
  } catch {
    return refuse('sealed_box_malformed');
  }
  if (!box.to.some((recipient) => recipient.kid === seal.kid)) return refuse('sealed_key_stale');
  const form = await forms.get(trx, fields.formId, fields.formVersion, fields.projectId);
  if (form === undefined) return refuse('form_not_published', { form: `${fields.formId}@${fields.formVersion}` });

  const payload: SealedReportFields = { ...fields, sealed: box };
  const hash = reportContentHash(payload);
  const change = { project_id: fields.projectId, entity: 'report' as const, entity_id: id, owner_id: access.user.id };
  // From here the device has shown it holds the key: a readable version from it later in this push is refused (seal-policy.ts).
  memo.keyHolders.add(fields.projectId);
  const version = { report_id: id, content_hash: hash, answers: '{}', reason: null, sealed: canonicalJson(box), readable_in_sealed: 0, device_id: deviceId, created_at: now, conflict: 0 };

  if (existing === undefined) {
    if (baseVersion !== 0) return refuse('sealed_base_stale');
    await trx
      .insertInto('reports')
      .values({
        id,
        project_id: fields.projectId,
        case_id: caseId,
        form_id: fields.formId,
        form_version: fields.formVersion,
        author_id: access.user.id,
        hearing_date: fields.hearingDate,
        version: 1,
        received_at: now,
        updated_at: now,
        sealed: 1,
      })
      .execute();
    await trx.insertInto('report_versions').values({ ...version, version: 1 }).execute();
    return { result: { status: 'applied', version: 1 }, changes: [change] };
  }

  if (existing.author_id !== access.user.id) return refuse('report_of_another_observer');
  if (existing.project_id !== fields.projectId || existing.case_id !== caseId) return refuse('report_cannot_move');
  // A retry first: the same box as the current version is a no-op, whatever base it names.
  const current = await trx.selectFrom('report_versions').select('content_hash').where('report_id', '=', id).where('version', '=', existing.version).executeTakeFirstOrThrow();
  if (current.content_hash === hash) return { result: { status: 'unchanged', version: existing.version }, changes: [] };
  if (baseVersion !== existing.version) return refuse('sealed_base_stale');

  const next = existing.version + 1;
  await trx.insertInto('report_versions').values({ ...version, version: next }).execute();
  await trx
    .updateTable('reports')
    .set({ version: next, form_id: fields.formId, form_version: fields.formVersion, hearing_date: fields.hearingDate, updated_at: now, sealed: 1, concern_count: 0 })
    .where('id', '=', id)
    .execute();
  // What the readable version before flagged is no longer what the report says: the coordinator's browser counts it now.
  await trx.deleteFrom('report_rights').where('report_id', '=', id).execute();
  return { result: { status: 'applied', version: next }, changes: [change] };
}
