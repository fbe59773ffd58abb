import type { Transaction } from 'kysely';
import { formatRefusal, type RefusalParams, type SyncRefusal } from '../../core/api/error-codes.ts';
import type { CaseFields, MutationResult } from '../../core/sync/protocol.ts';
import { isMember, type Access } from '../auth/access.ts';
import type { Database, NewChange } from '../db/schema.ts';

export interface Applied {
  readonly result: Omit<MutationResult, 'seq'>;
  readonly changes: readonly NewChange[];
}

/** A refused mutation: its code and parameters, and the English sentence of both for older apps and logs. */
export function refuse<R extends SyncRefusal>(code: R, ...[params]: keyof RefusalParams<R> extends never ? [] : [RefusalParams<R>]): Applied {
  const given: Readonly<Record<string, string>> = params ?? {};
  return { result: { status: 'refused', code, params: given, reason: formatRefusal<SyncRefusal>(code, given) }, changes: [] };
}

/** Creates a case, or updates its code and court when the device saw the current version. */
export async function applyCase(trx: Transaction<Database>, access: Access, id: string, baseVersion: number, fields: CaseFields, now: string): Promise<Applied> {
  if (!isMember(access, fields.projectId)) return refuse('not_a_member');
  const existing = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  const change: NewChange = { project_id: fields.projectId, entity: 'case', entity_id: id, owner_id: null };

  if (existing === undefined) {
    await trx
      .insertInto('cases')
      .values({ id, project_id: fields.projectId, code: fields.code, court: fields.court, version: 1, created_by: access.user.id, created_at: now, updated_at: now })
      .execute();
    // The observer who opens a case is assigned to it, so they receive it and may report on it.
    await trx.insertInto('case_observers').values({ case_id: id, user_id: access.user.id }).execute();
    return { result: { status: 'applied', version: 1 }, changes: [change] };
  }

  if (existing.project_id !== fields.projectId) return refuse('case_of_another_project');
  if (!(await mayWriteCase(trx, access, existing.project_id, id))) return refuse('not_assigned_to_case');
  if (existing.code === fields.code && existing.court === fields.court) return { result: { status: 'unchanged', version: existing.version }, changes: [] };
  if (existing.version !== baseVersion) {
    return refuse('case_changed');
  }
  const version = existing.version + 1;
  await trx.updateTable('cases').set({ code: fields.code, court: fields.court, version, updated_at: now }).where('id', '=', id).execute();
  return { result: { status: 'applied', version }, changes: [change] };
}

/** Coordinators may write every case of their project; observers only the cases they are assigned to. */
export async function mayWriteCase(trx: Transaction<Database>, access: Access, projectId: string, caseId: string): Promise<boolean> {
  const rule = caseWriteRule(access, projectId);
  if (rule !== 'if assigned') return rule === 'every case';
  const assigned = await trx.selectFrom('case_observers').select('case_id').where('case_id', '=', caseId).where('user_id', '=', access.user.id).executeTakeFirst();
  return assigned !== undefined;
}

/** mayWriteCase's rule before any lookup, for a caller that reads the assignment with the case. */
export function caseWriteRule(access: Access, projectId: string): 'every case' | 'if assigned' | 'none' {
  if (access.isAdmin || access.roles.get(projectId) === 'coordinator') return 'every case';
  return access.roles.get(projectId) === 'observer' ? 'if assigned' : 'none';
}
