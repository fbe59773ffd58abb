import { PostgresAdapter, SqliteAdapter, type ControlledTransaction, type Kysely } from 'kysely';
import { formatRefusal, refusalCode } from '../../core/api/error-codes.ts';
import { isSealedPayload, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import type { Database, NewChange } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import type { FormCache } from '../forms/form-cache.ts';
import { applyCase, refuse, type Applied } from './apply-case.ts';
import { applyComment } from './apply-comment.ts';
import { applyReport, emptyPushMemo, type ExistingReport, type PushMemo } from './apply-report.ts';
import { applySealedReport } from './apply-sealed-report.ts';
import { appendChanges } from './change-log.ts';
import { isConcurrencyFailure, isContentFailure } from './failures.ts';
import { GroupCommit } from './group-commit.ts';
import { rebuiltAnswer } from './rebuilt-answer.ts';

/** Attempts at a push that meets concurrent writers before it answers 500; each one sees more committed. */
const MAX_ATTEMPTS = 5;

export const SET_ASIDE_REASON = formatRefusal('set_aside', {});

/** Told of each mutation set aside as refused because storing it failed: the route logs it. */
export type OnSetAside = (seq: number, error: unknown) => void;

/** The server's settings a push obeys: REQUIRE_SEALED_PROJECTS (config.ts, seal-policy.ts). */
export interface PushRules {
  readonly sealingRequired: boolean;
}
const OPEN_RULES: PushRules = { sealingRequired: false };

/**
 * Applies one push in one transaction (SYNC.md): mutations the device already had applied are skipped
 * and answered as they were the first time, a gap in seq stops the batch, and the device's new last seq
 * is stored with the data it confirms.
 *
 * Concurrency (PostgreSQL, several processes): the device's row is locked first, so two copies of one
 * push run one after the other and the second gives the idempotent answer; then the existing rows the
 * push writes are locked in id order, so an observer's two phones amending one report queue one behind
 * the other. What no lock can cover (two devices creating the same new row at once, a deadlock with
 * some other writer) fails the losing transaction with a unique violation or a deadlock, and the whole
 * push is tried again: it then sees what the other committed.
 */
export async function applyPush(db: Kysely<Database>, access: Access, request: PushRequest, forms: FormCache, onSetAside: OnSetAside = () => undefined, rules: PushRules = OPEN_RULES): Promise<PushResponse> {
  let savepoints = false;
  for (let attempt = 1; ; attempt += 1) {
    const lastAttempt = attempt === MAX_ATTEMPTS;
    try {
      const options = { lastAttempt, onSetAside, savepoints, sealingRequired: rules.sealingRequired };
      return await transactionFor(db)((trx) => applyBatch(trx, access, request, forms, options));
    } catch (error) {
      if (error instanceof SavepointsNeeded && !savepoints) {
        // Not a new attempt: the same push again, this time able to set the failing mutation aside.
        savepoints = true;
        attempt -= 1;
        continue;
      }
      if (lastAttempt || !isConcurrencyFailure(error)) throw error;
    }
  }
}

/**
 * Thrown by a push applied without savepoints when a mutation would be set aside: the push is rolled
 * back and applied again with a savepoint round each mutation. Content failures are rare, and the two
 * statements of a savepoint were two round trips per mutation on PostgreSQL.
 */
class SavepointsNeeded extends Error {
  constructor(cause: unknown) {
    super('a mutation failed for its content; applying the push again with savepoints', { cause });
  }
}

type RunInTransaction = <T>(work: (trx: ControlledTransaction<Database>) => Promise<T>) => Promise<T>;

/** One group-commit queue per SQLite database (per process: SQLite has one writer). */
const groups = new WeakMap<Kysely<Database>, GroupCommit>();

/**
 * SQLite: the push joins the next group commit (group-commit.ts), sharing its fsync with the pushes that
 * arrived with it. PostgreSQL: a transaction of its own, since there pushes do run side by side, each
 * on its own connection, and the retry above needs to redo one push, not a group.
 */
function transactionFor(db: Kysely<Database>): RunInTransaction {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return (work) => inTransaction(db, work);
  let group = groups.get(db);
  if (group === undefined) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  const found = group;
  return (work) => found.run(work);
}

/** A transaction that can hold savepoints (Kysely gives them only to a controlled transaction). */
async function inTransaction<T>(db: Kysely<Database>, work: (trx: ControlledTransaction<Database>) => Promise<T>): Promise<T> {
  const trx = await db.startTransaction().execute();
  try {
    const result = await work(trx);
    await trx.commit().execute();
    return result;
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
}

interface BatchOptions {
  readonly lastAttempt: boolean;
  readonly onSetAside: OnSetAside;
  /** Each mutation in a savepoint of its own, so that one failing for its content can be set aside alone. */
  readonly savepoints: boolean;
  readonly sealingRequired: boolean;
}

async function applyBatch(trx: ControlledTransaction<Database>, access: Access, request: PushRequest, forms: FormCache, options: BatchOptions): Promise<PushResponse> {
  const now = new Date().toISOString();
  const lastSeq = await lockDevice(trx, access, request.deviceId, now);
  const memo: PushMemo = { ...emptyPushMemo(options.sealingRequired), reports: await readTargets(trx, request, lastSeq) };
  const results: MutationResult[] = [];
  const changes: NewChange[] = [];
  const answered = await answeredBefore(trx, request, lastSeq);

  let settled = lastSeq;
  for (const mutation of request.mutations) {
    if (mutation.seq <= lastSeq) {
      // A retry of something already settled: the same answer as the first time, and nothing done.
      results.push(answered.get(mutation.seq) ?? (await rebuiltAnswer(trx, request.deviceId, mutation)));
      continue;
    }
    if (mutation.seq !== settled + 1) break;
    const applied = await applyOne(trx, mutation, options, (sp) =>
      mutation.entity === 'case'
        ? applyCase(sp, access, mutation.id, mutation.baseVersion, mutation.payload, now)
        : mutation.entity === 'report'
          ? isSealedPayload(mutation.payload)
            ? applySealedReport(sp, access, request.deviceId, mutation.id, mutation.baseVersion, mutation.payload, forms, now, memo)
            : applyReport(sp, access, request.deviceId, mutation.id, mutation.baseVersion, mutation.payload, forms, now, memo)
          : applyComment(sp, access, mutation.id, mutation.payload, now),
    );
    results.push({ seq: mutation.seq, ...applied.result });
    changes.push(...applied.changes);
    settled = mutation.seq;
  }

  const fresh = results.filter((r) => r.seq > lastSeq);
  if (fresh.length > 0) {
    await trx
      .insertInto('push_results')
      .values(fresh.map((r) => ({ device_id: request.deviceId, seq: r.seq, status: r.status, version: r.version ?? null, reason: r.reason ?? null })))
      .execute();
  }
  await trx.updateTable('devices').set({ last_seq: settled }).where('id', '=', request.deviceId).execute();
  await appendChanges(trx, changes, now);
  return { lastSeq: settled, results };
}

/**
 * Registers a device on its first push and locks its row for this transaction; returns its last seq.
 * The lock is an update (portable: SQLite has no FOR UPDATE), taken before anything else is written;
 * one upsert both registers and locks.
 */
async function lockDevice(trx: ControlledTransaction<Database>, access: Access, deviceId: string, now: string): Promise<number> {
  const device = await trx
    .insertInto('devices')
    .values({ id: deviceId, user_id: access.user.id, last_seq: 0, created_at: now, last_sync_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_sync_at: now }))
    .returning(['user_id', 'last_seq'])
    .executeTakeFirstOrThrow();
  if (device.user_id !== access.user.id) {
    throw apiError('device_of_another_user', {});
  }
  return device.last_seq;
}

/**
 * Reads the stored reports this push will write, in one query rather than one per mutation (null for
 * those not stored yet).
 *
 * PostgreSQL: also locks the existing cases and reports, in one order (cases, then reports, each by
 * id), before writing any. A push from another device that writes some of the same rows then waits for
 * this one to commit and reads what it wrote (the tablet's amendment becomes a conflict, kept, not a lost
 * update); two pushes taking the rows in their own mutation order could deadlock. SQLite needs no lock:
 * it has one writer at a time.
 */
async function readTargets(trx: ControlledTransaction<Database>, request: PushRequest, lastSeq: number): Promise<Map<string, ExistingReport | null>> {
  const lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  const pending = request.mutations.filter((m) => m.seq > lastSeq);
  const ids = (entity: Mutation['entity']): string[] => [...new Set(pending.filter((m) => m.entity === entity).map((m) => m.id))].sort();
  const cases = ids('case');
  const reports = ids('report');
  if (lock && cases.length > 0) await trx.selectFrom('cases').select('id').where('id', 'in', cases).orderBy('id').forUpdate().execute();
  const found = new Map<string, ExistingReport | null>(reports.map((id) => [id, null]));
  if (reports.length === 0) return found;
  const rows = await trx
    .selectFrom('reports')
    .select(['id', 'author_id', 'version', 'project_id', 'case_id'])
    .where('id', 'in', reports)
    .orderBy('id')
    .$if(lock, (q) => q.forUpdate())
    .execute();
  for (const { id, ...existing } of rows) found.set(id, existing);
  return found;
}

/** The stored answers to the mutations of this push that were settled before (a retry). */
async function answeredBefore(trx: ControlledTransaction<Database>, request: PushRequest, lastSeq: number): Promise<Map<number, MutationResult>> {
  const seqs = request.mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
  if (seqs.length === 0) return new Map();
  const rows = await trx.selectFrom('push_results').select(['seq', 'status', 'version', 'reason']).where('device_id', '=', request.deviceId).where('seq', 'in', seqs).execute();
  return new Map(rows.map((row) => [row.seq, { seq: row.seq, status: row.status, ...(row.version === null ? {} : { version: row.version }), ...storedRefusal(row.reason) }]));
}

/**
 * A stored refusal as the first answer gave it. `push_results` keeps the English reason only; since the
 * server builds that sentence from the code and parameters (formatRefusal), refusalCode reads them back.
 */
function storedRefusal(reason: string | null): Pick<MutationResult, 'code' | 'params' | 'reason'> {
  if (reason === null) return {};
  const known = refusalCode(reason);
  return known === undefined ? { reason } : { code: known.code, params: known.params, reason };
}

/**
 * Applies one mutation inside a savepoint, so that when storing it fails for its content only its own
 * rows roll back and it is settled as refused, never blocking the outbox behind it with a failed push.
 * A push is first applied without savepoints; the first content failure sends it round again with them.
 * A concurrency failure goes up to retry the whole push, except on the last attempt, where a unique
 * violation that kept coming back is taken for what this content does.
 */
async function applyOne(trx: ControlledTransaction<Database>, mutation: Mutation, options: BatchOptions, apply: (sp: ControlledTransaction<Database>) => Promise<Applied>): Promise<Applied> {
  if (!options.savepoints) {
    try {
      return await apply(trx);
    } catch (error) {
      if ((isConcurrencyFailure(error) && !options.lastAttempt) || !isContentFailure(error)) throw error;
      throw new SavepointsNeeded(error);
    }
  }
  const sp = await trx.savepoint('mutation').execute();
  try {
    const applied = await apply(sp);
    await sp.releaseSavepoint('mutation').execute();
    return applied;
  } catch (error) {
    if ((isConcurrencyFailure(error) && !options.lastAttempt) || !isContentFailure(error)) throw error;
    await sp.rollbackToSavepoint('mutation').execute();
    options.onSetAside(mutation.seq, error);
    return refuse('set_aside');
  }
}
