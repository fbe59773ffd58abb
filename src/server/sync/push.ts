import type { Kysely } from 'kysely';
import type { MutationResult, PushRequest, PushResponse } from '../../core/sync/protocol.ts';
import type { Access } from '../auth/access.ts';
import type { Database, NewChange } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { FormCache } from '../forms/form-cache.ts';
import { applyCase, type Applied } from './apply-case.ts';
import { applyComment } from './apply-comment.ts';
import { applyReport } from './apply-report.ts';
import { appendChanges } from './change-log.ts';

/**
 * Applies one push in one transaction (SYNC.md): mutations the device already had applied are skipped,
 * a gap in seq stops the batch, and the device's new last seq is stored with the data it confirms.
 */
export async function applyPush(db: Kysely<Database>, access: Access, request: PushRequest, forms: FormCache): Promise<PushResponse> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const device = await trx.selectFrom('devices').select(['user_id', 'last_seq']).where('id', '=', request.deviceId).executeTakeFirst();
    if (device !== undefined && device.user_id !== access.user.id) {
      throw new ApiError(403, 'device_of_another_user', 'This device is registered to another user. Sign in as that user, or reset the app.');
    }
    if (device === undefined) {
      await trx.insertInto('devices').values({ id: request.deviceId, user_id: access.user.id, last_seq: 0, created_at: now, last_sync_at: null }).execute();
    }

    let lastSeq = device?.last_seq ?? 0;
    const results: MutationResult[] = [];
    const changes: NewChange[] = [];
    const writableCases = new Set<string>();
    const alreadyDone = request.mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
    const refusedBefore = new Map(
      alreadyDone.length === 0
        ? []
        : (await trx.selectFrom('refusals').select(['seq', 'reason']).where('device_id', '=', request.deviceId).where('seq', 'in', alreadyDone).execute()).map((r) => [r.seq, r.reason]),
    );

    for (const mutation of request.mutations) {
      if (mutation.seq <= lastSeq) {
        // A retry of something already settled: report the same outcome, do nothing.
        const reason = refusedBefore.get(mutation.seq);
        results.push(reason === undefined ? { seq: mutation.seq, status: 'unchanged' } : { seq: mutation.seq, status: 'refused', reason });
        continue;
      }
      if (mutation.seq !== lastSeq + 1) break;
      const applied: Applied =
        mutation.entity === 'case'
          ? await applyCase(trx, access, mutation.id, mutation.baseVersion, mutation.payload, now)
          : mutation.entity === 'report'
            ? await applyReport(trx, access, request.deviceId, mutation.id, mutation.baseVersion, mutation.payload, forms, now, writableCases)
            : await applyComment(trx, access, mutation.id, mutation.payload, now);
      if (applied.result.status === 'refused') {
        await trx.insertInto('refusals').values({ device_id: request.deviceId, seq: mutation.seq, reason: applied.result.reason ?? 'refused' }).execute();
      }
      results.push({ seq: mutation.seq, ...applied.result });
      changes.push(...applied.changes);
      lastSeq = mutation.seq;
    }

    await trx.updateTable('devices').set({ last_seq: lastSeq, last_sync_at: now }).where('id', '=', request.deviceId).execute();
    await appendChanges(trx, changes, now);
    return { lastSeq, results };
  });
}
