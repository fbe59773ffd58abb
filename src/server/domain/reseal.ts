import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import * as v from 'valibot';
import type { ReadableVersion, ResealCounts, ResealInput, ResealOutcome, ResealPage, ResealResult } from '../../core/api/reseal.ts';
import { RESEAL_BATCH } from '../../core/api/reseal.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import { parseSealedBox, type SealedBox } from '../../core/seal/envelope.ts';
import { AnswersSchema } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { apiError, forbidden } from '../errors.ts';
import { reportContentHash } from '../sync/apply-report.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * Re-sealing a sealed project's stored readable report versions (issue 11 part 5; src/core/api/reseal.ts):
 * those stored before the project was sealed, and those from devices that had not yet received the key.
 * The coordinator's browser seals each version to the project's key; the server swaps each box in and
 * deletes the readable answers, reason and the findings counted from them, in one transaction per post.
 *
 * What the server checks, since it cannot open a box: the caller holds the project's key (a grant for its
 * current key), each box parses and is sealed to that key alone, and the version still holds the content
 * the caller read (its content hash) under the form the report is filed with, which is what the box is
 * bound to (report, version, form). A version whose report moved on is answered `changed` and read again.
 *
 * An earlier version of a report is bound to the report's current form: the server keeps a form per
 * report, not per version, and serves only the current version.
 */

/** Reading readable versions and sealing them: a coordinator of the project who holds its current key, with their password session. */
async function requireKeyHolder(db: Kysely<Database>, access: Access, projectId: string): Promise<{ readonly kid: string }> {
  if (access.deviceId !== undefined) throw forbidden('keys_from_device');
  if (access.roles.get(projectId) !== 'coordinator') throw forbidden('project_keys');
  const seal = await db.selectFrom('project_seals').select('kid').where('project_id', '=', projectId).executeTakeFirst();
  if (seal === undefined) throw apiError('project_not_sealed', {});
  const held = await db.selectFrom('project_key_grants').select('user_id').where('project_id', '=', projectId).where('user_id', '=', access.user.id).where('project_kid', '=', seal.kid).executeTakeFirst();
  if (held === undefined) throw apiError('no_project_key', {});
  return seal;
}

async function resealCounts(db: Kysely<Database>, projectId: string): Promise<ResealCounts> {
  const row = await db
    .selectFrom('report_versions')
    .innerJoin('reports', 'reports.id', 'report_versions.report_id')
    .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.count<number | string>('report_versions.report_id').filterWhere('report_versions.sealed', 'is', null).as('readable')])
    .where('reports.project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  // PostgreSQL counts as bigint (a string); SQLite as a number.
  return { readable: Number(row.readable), total: Number(row.total) };
}

/** GET /api/projects/:projectId/readable-versions?after=: the next readable versions in (report, version) order. A read: no audit entry. */
export async function readableVersions(db: Kysely<Database>, access: Access, projectId: string, after: string | undefined): Promise<ResealPage> {
  await requireKeyHolder(db, access, projectId);
  const [afterReport = '', afterVersion = '0'] = after?.split(':') ?? [];
  const rows = await db
    .selectFrom('report_versions')
    .innerJoin('reports', 'reports.id', 'report_versions.report_id')
    .select(['report_versions.report_id', 'report_versions.version', 'report_versions.content_hash', 'report_versions.answers', 'report_versions.reason', 'reports.form_id', 'reports.form_version'])
    .where('reports.project_id', '=', projectId)
    .where('report_versions.sealed', 'is', null)
    .$if(after !== undefined, (q) =>
      q.where((eb) => eb.or([eb('report_versions.report_id', '>', afterReport), eb.and([eb('report_versions.report_id', '=', afterReport), eb('report_versions.version', '>', Number(afterVersion))])])),
    )
    .orderBy('report_versions.report_id')
    .orderBy('report_versions.version')
    .limit(RESEAL_BATCH + 1)
    .execute();
  const page = rows.slice(0, RESEAL_BATCH);
  const versions: ReadableVersion[] = page.map((r) => ({
    reportId: r.report_id,
    version: r.version,
    formId: r.form_id,
    formVersion: r.form_version,
    contentHash: r.content_hash,
    answers: v.parse(AnswersSchema, JSON.parse(r.answers)),
    reason: r.reason,
  }));
  const last = page.at(-1);
  return { versions, next: rows.length > RESEAL_BATCH && last !== undefined ? `${last.report_id}:${String(last.version)}` : null, counts: await resealCounts(db, projectId) };
}

/** A box for this project's key alone: anything else would be unreadable to its coordinators, or readable by someone else. */
function checkedBox(value: unknown, kid: string, reportId: string): SealedBox {
  let box: SealedBox;
  try {
    box = parseSealedBox(value);
  } catch {
    throw apiError('reseal_box_malformed', { report: reportId });
  }
  if (box.to.length !== 1 || box.to[0]?.kid !== kid) throw apiError('reseal_box_malformed', { report: reportId });
  return box;
}

/**
 * POST /api/projects/:projectId/readable-versions/sealed: swaps each box in for its readable version. Any
 * malformed box refuses the whole post (400, nothing changed).
 */
export async function resealVersions(db: Kysely<Database>, actor: PersonActor, access: Access, projectId: string, input: ResealInput): Promise<ResealResult> {
  const seal = await requireKeyHolder(db, access, projectId);
  const boxes = input.versions.map((item) => ({ ...item, box: checkedBox(item.sealed, seal.kid, item.reportId) }));
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const results = await inTransaction(db, async (trx) => {
    const outcomes: { reportId: string; version: number; status: ResealOutcome }[] = [];
    for (const item of boxes) outcomes.push({ reportId: item.reportId, version: item.version, status: await swapIn(trx, projectId, item, sqlite) });
    const sealed = outcomes.filter((o) => o.status === 'sealed').length;
    if (sealed > 0) await record(trx, actor, { action: 'project.resealed', projectId, target: projectId, detail: { kid: seal.kid, versions: sealed } });
    return outcomes;
  });
  const counts = await resealCounts(db, projectId);
  if (sqlite && counts.readable === 0 && results.some((r) => r.status === 'sealed')) await compactSqlite(db);
  return { results, counts };
}

/**
 * SQLite keeps what an update replaced in the file's free space and in its write-ahead log until they are
 * reused. When the job has sealed the project's last readable version, the file is rebuilt (VACUUM) and the
 * log emptied, so the readable words leave the disk (tests/integration/reseal.test.ts searches both). Once
 * per project, at the end, since VACUUM rewrites the whole file. PostgreSQL: docs/administrator.md.
 */
async function compactSqlite(db: Kysely<Database>): Promise<void> {
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

async function swapIn(trx: Transaction<Database>, projectId: string, item: ResealInput['versions'][number] & { readonly box: SealedBox }, sqlite: boolean): Promise<ResealOutcome> {
  // PostgreSQL: the report's row is locked, so a push amending it waits and sees the swap (or the swap sees its version).
  const report = await trx
    .selectFrom('reports')
    .select(['project_id', 'case_id', 'form_id', 'form_version', 'hearing_date', 'version'])
    .where('id', '=', item.reportId)
    .$if(!sqlite, (q) => q.forUpdate())
    .executeTakeFirst();
  if (report === undefined || report.project_id !== projectId) return 'changed';
  const stored = await trx.selectFrom('report_versions').select(['content_hash', 'sealed']).where('report_id', '=', item.reportId).where('version', '=', item.version).executeTakeFirst();
  if (stored === undefined) return 'changed';
  if (stored.sealed !== null) return 'already_sealed';
  if (stored.content_hash !== item.contentHash || report.form_id !== item.formId || report.form_version !== item.formVersion) return 'changed';
  // The hash a sealed version has (over its metadata and box): the readable content's hash would let a guess be confirmed.
  const hash = reportContentHash({ projectId, caseId: report.case_id, formId: report.form_id, formVersion: report.form_version, hearingDate: report.hearing_date, sealed: item.box });
  await trx
    .updateTable('report_versions')
    .set({ sealed: canonicalJson(item.box), answers: '{}', reason: null, content_hash: hash })
    .where('report_id', '=', item.reportId)
    .where('version', '=', item.version)
    .execute();
  if (report.version === item.version) {
    // The current version is sealed now: what the server counted from its answers goes, as for a version sealed on the phone.
    await trx.updateTable('reports').set({ sealed: 1, concern_count: 0 }).where('id', '=', item.reportId).execute();
    await trx.deleteFrom('report_rights').where('report_id', '=', item.reportId).execute();
  }
  return 'sealed';
}
