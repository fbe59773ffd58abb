import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { CommentFields, Uuid } from '../../core/sync/protocol.ts';
import { audit } from '../audit/audit-log.ts';
import { isCoordinator, mayReadOwnOrCoordinated, type Access } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { ApiError, notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';
import { storeComment } from '../reviews/store-comment.ts';
import { loadThreads, threadChange } from '../reviews/thread.ts';
import { appendChanges } from '../sync/change-log.ts';

const Pin = CommentFields.entries.pin;

// A comment's id is made by the coordinator's app (UUIDv7) when the comment is written, so a send retried
// after a lost answer stores it once.
const ReviewAction = v.strictObject({
  status: v.picklist(['received', 'needs_clarification', 'approved'], 'status is received (reopen), needs_clarification or approved'),
  comment: v.optional(v.pipe(Text, v.trim(), v.maxLength(10_000))),
  commentId: v.optional(Uuid),
  pin: Pin,
});

const NewComment = v.strictObject({ id: Uuid, body: CommentFields.entries.body, pin: Pin });

const commentIdTaken = (): ApiError => new ApiError(409, 'comment_id_taken', 'Another comment already has this id: reload the page and write it again.');

/** A report the caller may review (a coordinator of its project); 404 for everyone else. */
async function reviewable(db: Kysely<Database>, access: Access, reportId: string): Promise<{ id: string; project_id: string; author_id: string }> {
  const report = await db.selectFrom('reports').select(['id', 'project_id', 'author_id']).where('id', '=', reportId).executeTakeFirst();
  if (report === undefined || !isCoordinator(access, report.project_id)) throw notFound('The report');
  return report;
}

/**
 * The coordinator's review of a report: received -> needs clarification (a comment saying what is
 * required) or approved, and back to received (reopen). Every action and comment reaches the observer's
 * device on its next pull, as one thread per report.
 */
export function reviewRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/reports/:id/thread', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const report = await db.selectFrom('reports').select(['project_id', 'author_id']).where('id', '=', id).executeTakeFirst();
    if (report === undefined || !mayReadOwnOrCoordinated(access, report)) throw notFound('The report');
    return (await loadThreads(db, [id])).get(id);
  });

  app.post('/api/reports/:id/review', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const action = parseInput(ReviewAction, request.body, 'review');
    const comment = action.comment ?? '';
    if (action.status === 'needs_clarification' && comment === '') {
      throw new ApiError(400, 'comment_required', 'Say what needs clarification: a comment is required.');
    }
    if (comment !== '' && action.commentId === undefined) throw new ApiError(400, 'comment_id_required', 'A comment needs the id the app made for it (commentId).');
    const report = await reviewable(db, access, id);
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      if (comment !== '' && action.commentId !== undefined) {
        const stored = await storeComment(trx, { id: action.commentId, reportId: id, authorId: access.user.id, body: comment, pin: action.pin ?? null, now });
        // Sent again (stored === 'again'): the comment stays one; setting the status again is harmless.
        if (stored === 'taken') throw commentIdTaken();
      }
      await trx
        .insertInto('reviews')
        .values({ report_id: id, status: action.status, updated_by: access.user.id, updated_at: now })
        .onConflict((oc) => oc.column('report_id').doUpdateSet({ status: action.status, updated_by: access.user.id, updated_at: now }))
        .execute();
      await audit(trx, { actorId: access.user.id, action: 'review.status', projectId: report.project_id, target: id, detail: { status: action.status, withComment: comment !== '' } });
      await appendChanges(trx, [threadChange(report)], now);
    });
    request.log.info({ reportId: id, status: action.status }, 'review');
    return (await loadThreads(db, [id])).get(id);
  });

  app.post('/api/reports/:id/comments', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const input = parseInput(NewComment, request.body, 'comment');
    const report = await reviewable(db, access, id);
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const stored = await storeComment(trx, { id: input.id, reportId: id, authorId: access.user.id, body: input.body, pin: input.pin ?? null, now });
      if (stored === 'taken') throw commentIdTaken();
      if (stored === 'again') return;
      await audit(trx, { actorId: access.user.id, action: 'review.comment', projectId: report.project_id, target: id, detail: { pinned: input.pin !== undefined } });
      await appendChanges(trx, [threadChange(report)], now);
    });
    return (await loadThreads(db, [id])).get(id);
  });
}
