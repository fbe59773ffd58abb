import type { Kysely, Transaction } from 'kysely';
import { isCoordinator, type Access } from '../auth/access.ts';
import type { Database, NewChange } from '../db/schema.ts';
import { apiError, notFound } from '../errors.ts';
import { appendChanges } from '../sync/change-log.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

interface CaseRef {
  readonly id: string;
  readonly project_id: string;
}

/**
 * POST /api/cases/:id/merge: two observers who opened the same trial offline made two cases; case `from`
 * moves into case `into` and is removed. Everything moves, nothing is dropped: reports (and with them
 * their versions, reviews, comments, decisions, findings and the attachments their answers name, all
 * keyed by report), observers' assignments, the register of people (an entry both cases hold, same code
 * and same person, is kept once), assessments and recommendations (where both cases have one, `from`'s
 * text is appended under `into`'s, which keeps its grade). A register code naming different people in
 * the two is refused before anything is written (merge_register_conflict). One transaction with its
 * audit entry and the change-log entries that bring the moved reports and the kept case to devices, and
 * a `case_merge` change (case_merges row) for each observer of `from` and each author of its reports, so
 * their phones move what they hold of `from` (drafts too) to `into` and drop the empty case.
 * Answer: { into, reports } (how many reports moved).
 */
export async function mergeCases(db: Kysely<Database>, access: Access, actor: PersonActor, from: CaseRef, intoId: string): Promise<{ into: string; reports: number }> {
  if (from.id === intoId) throw apiError('merge_into_itself', {});
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const into = await trx.selectFrom('cases').select(['id', 'project_id', 'code', 'version']).where('id', '=', intoId).executeTakeFirst();
    if (into === undefined || !isCoordinator(access, into.project_id)) throw notFound('case');
    if (into.project_id !== from.project_id) throw apiError('merge_across_projects', {});
    const source = await trx.selectFrom('cases').select(['code']).where('id', '=', from.id).executeTakeFirstOrThrow();

    await mergeRegister(trx, from.id, into.id);
    const moved = await trx.selectFrom('reports').select(['id', 'author_id']).where('case_id', '=', from.id).execute();
    const observers = await trx.selectFrom('case_observers').select('user_id').where('case_id', '=', from.id).execute();
    const told = [...new Set([...observers.map((o) => o.user_id), ...moved.map((r) => r.author_id)])];
    if (moved.length > 0) await trx.updateTable('reports').set({ case_id: into.id }).where('case_id', '=', from.id).execute();
    await mergeAssignments(trx, from.id, into.id);
    await mergeAssessments(trx, from.id, into.id, actor.userId, now);
    await mergeRecommendations(trx, from.id, into.id, actor.userId, now);
    await trx.deleteFrom('cases').where('id', '=', from.id).execute();
    // Where `from` went, for the phones that hold it; cases merged into `from` earlier now lead to `into`.
    await trx.updateTable('case_merges').set({ into_id: into.id }).where('into_id', '=', from.id).execute();
    await trx.insertInto('case_merges').values({ case_id: from.id, into_id: into.id, project_id: into.project_id, merged_at: now }).execute();
    await trx.updateTable('cases').set({ version: into.version + 1, updated_at: now }).where('id', '=', into.id).execute();

    await record(trx, actor, { action: 'case.merge', projectId: into.project_id, target: into.id, detail: { from: from.id, fromCode: source.code, intoCode: into.code, reports: moved.length } });
    const changes: NewChange[] = [
      { project_id: into.project_id, entity: 'case', entity_id: into.id, owner_id: null },
      ...moved.map((r): NewChange => ({ project_id: into.project_id, entity: 'report', entity_id: r.id, owner_id: r.author_id })),
      ...told.map((userId): NewChange => ({ project_id: into.project_id, entity: 'case_merge', entity_id: from.id, owner_id: userId })),
    ];
    await appendChanges(trx, changes, now);
    return { into: into.id, reports: moved.length };
  });
}

const samePerson = (a: { readonly name: string; readonly role: string }, b: { readonly name: string; readonly role: string }): boolean =>
  a.role === b.role && a.name.trim().toLowerCase() === b.name.trim().toLowerCase();

async function mergeRegister(trx: Transaction<Database>, fromId: string, intoId: string): Promise<void> {
  const kept = new Map((await trx.selectFrom('case_people').select(['code', 'name', 'role']).where('case_id', '=', intoId).execute()).map((p) => [p.code, p]));
  for (const person of await trx.selectFrom('case_people').select(['id', 'code', 'name', 'role']).where('case_id', '=', fromId).execute()) {
    const same = kept.get(person.code);
    if (same === undefined) await trx.updateTable('case_people').set({ case_id: intoId }).where('id', '=', person.id).execute();
    else if (samePerson(same, person)) await trx.deleteFrom('case_people').where('id', '=', person.id).execute();
    else throw apiError('merge_register_conflict', { code: person.code });
  }
}

async function mergeAssignments(trx: Transaction<Database>, fromId: string, intoId: string): Promise<void> {
  const assigned = new Set((await trx.selectFrom('case_observers').select('user_id').where('case_id', '=', intoId).execute()).map((r) => r.user_id));
  const missing = (await trx.selectFrom('case_observers').select('user_id').where('case_id', '=', fromId).execute()).filter((r) => !assigned.has(r.user_id));
  if (missing.length > 0) await trx.insertInto('case_observers').values(missing.map((r) => ({ case_id: intoId, user_id: r.user_id }))).execute();
  await trx.deleteFrom('case_observers').where('case_id', '=', fromId).execute();
}

async function mergeAssessments(trx: Transaction<Database>, fromId: string, intoId: string, by: string, now: string): Promise<void> {
  const kept = new Map((await trx.selectFrom('right_assessments').select(['right_id', 'text', 'grade']).where('case_id', '=', intoId).execute()).map((a) => [a.right_id, a]));
  for (const a of await trx.selectFrom('right_assessments').select(['right_id', 'text', 'grade']).where('case_id', '=', fromId).execute()) {
    const same = kept.get(a.right_id);
    if (same === undefined) {
      await trx.updateTable('right_assessments').set({ case_id: intoId }).where('case_id', '=', fromId).where('right_id', '=', a.right_id).execute();
      continue;
    }
    await trx
      .updateTable('right_assessments')
      .set({ text: joined(same.text, a.text), grade: same.grade ?? a.grade, updated_by: by, updated_at: now })
      .where('case_id', '=', intoId)
      .where('right_id', '=', a.right_id)
      .execute();
    await trx.deleteFrom('right_assessments').where('case_id', '=', fromId).where('right_id', '=', a.right_id).execute();
  }
}

async function mergeRecommendations(trx: Transaction<Database>, fromId: string, intoId: string, by: string, now: string): Promise<void> {
  const source = await trx.selectFrom('case_recommendations').select('text').where('case_id', '=', fromId).executeTakeFirst();
  if (source === undefined) return;
  const kept = await trx.selectFrom('case_recommendations').select('text').where('case_id', '=', intoId).executeTakeFirst();
  if (kept === undefined) {
    await trx.updateTable('case_recommendations').set({ case_id: intoId }).where('case_id', '=', fromId).execute();
    return;
  }
  await trx.updateTable('case_recommendations').set({ text: joined(kept.text, source.text), updated_by: by, updated_at: now }).where('case_id', '=', intoId).execute();
  await trx.deleteFrom('case_recommendations').where('case_id', '=', fromId).execute();
}

/** Two coordinators' texts, the kept case's first; an empty one adds nothing. */
function joined(kept: string, moved: string): string {
  if (moved.trim() === '') return kept;
  if (kept.trim() === '') return moved;
  return `${kept}\n\n${moved}`;
}
