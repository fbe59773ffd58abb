import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { PersonInput, RegisterPerson } from '../../core/api/case-register.ts';
import { PERSON_ROLES, type PersonRole, type RegisterEntry } from '../../core/export/redact-register.ts';
import { audit } from '../audit/audit-log.ts';
import { isCoordinator, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { apiError, type ApiError, notFound } from '../errors.ts';

/**
 * A case's register of people: who each code stands for, kept by the coordinators of the case's
 * project (and administrators), read by codes-only exports to replace names (src/core/export/redact-*).
 * Names are as sensitive as the reports: nobody else learns that the case or an entry exists (404), the
 * audit log records codes and ids, never names, and each change commits with its audit entry or not at all.
 */

interface CaseRef {
  readonly id: string;
  readonly project_id: string;
}

/** The case, if this caller keeps its register; otherwise 404, so nothing is learned about other projects. */
export async function registerCase(db: Kysely<Database>, access: Access, caseId: string): Promise<CaseRef> {
  const kase = await db.selectFrom('cases').select(['id', 'project_id']).where('id', '=', caseId).executeTakeFirst();
  if (kase === undefined || !isCoordinator(access, kase.project_id)) throw notFound('case');
  return kase;
}

const roleOf = (role: string): PersonRole => PERSON_ROLES.find((r) => r === role) ?? 'other';

type PersonRow = { id: string; code: string; role: string; name: string; updated_at: string };
const toPerson = (row: PersonRow): RegisterPerson => ({ id: row.id, code: row.code, role: roleOf(row.role), name: row.name, updatedAt: row.updated_at });

/** The register, by code (D1, D2, ..., W1, W10 in natural order). */
export async function listPeople(db: Kysely<Database>, caseId: string): Promise<RegisterPerson[]> {
  const rows = await db.selectFrom('case_people').select(['id', 'code', 'role', 'name', 'updated_at']).where('case_id', '=', caseId).execute();
  return rows.map(toPerson).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** What exports read: code, role, name. */
export async function registerEntries(db: Kysely<Database>, caseId: string): Promise<RegisterEntry[]> {
  return (await listPeople(db, caseId)).map((p) => ({ code: p.code, role: p.role, name: p.name }));
}

const codeTaken = (code: string): ApiError => apiError('register_code_taken', { code });

export async function addPerson(db: Kysely<Database>, access: Access, kase: CaseRef, input: PersonInput, now = new Date()): Promise<RegisterPerson> {
  const at = now.toISOString();
  const row = { id: uuidv7(), case_id: kase.id, code: input.code, role: input.role, name: input.name, created_at: at, created_by: access.user.id, updated_at: at, updated_by: access.user.id };
  try {
    await db.transaction().execute(async (trx) => {
      // Checked first for a clear message; the unique key still decides between two coordinators at once.
      const taken = await trx.selectFrom('case_people').select('id').where('case_id', '=', kase.id).where('code', '=', input.code).executeTakeFirst();
      if (taken !== undefined) throw codeTaken(input.code);
      await trx.insertInto('case_people').values(row).execute();
      await audit(trx, { actorId: access.user.id, action: 'case.person_added', projectId: kase.project_id, target: kase.id, detail: { person: row.id, code: input.code, role: input.role } }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
  return toPerson(row);
}

export async function editPerson(db: Kysely<Database>, access: Access, kase: CaseRef, personId: string, input: PersonInput, now = new Date()): Promise<RegisterPerson> {
  const at = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('case_people').select(['id', 'code']).where('id', '=', personId).where('case_id', '=', kase.id).executeTakeFirst();
      if (existing === undefined) throw notFound('register_entry');
      const taken = await trx.selectFrom('case_people').select('id').where('case_id', '=', kase.id).where('code', '=', input.code).where('id', '!=', personId).executeTakeFirst();
      if (taken !== undefined) throw codeTaken(input.code);
      await trx.updateTable('case_people').set({ code: input.code, role: input.role, name: input.name, updated_at: at, updated_by: access.user.id }).where('id', '=', personId).execute();
      await audit(trx, { actorId: access.user.id, action: 'case.person_changed', projectId: kase.project_id, target: kase.id, detail: { person: personId, code: input.code, previousCode: existing.code, role: input.role } }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
  return { id: personId, code: input.code, role: input.role, name: input.name, updatedAt: at };
}

export async function removePerson(db: Kysely<Database>, access: Access, kase: CaseRef, personId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('case_people').select(['id', 'code']).where('id', '=', personId).where('case_id', '=', kase.id).executeTakeFirst();
    if (existing === undefined) throw notFound('register_entry');
    await trx.deleteFrom('case_people').where('id', '=', personId).execute();
    await audit(trx, { actorId: access.user.id, action: 'case.person_removed', projectId: kase.project_id, target: kase.id, detail: { person: personId, code: existing.code } }, now);
  });
}
