import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { CommentFields, Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { addComment, readThread, reviewReport } from '../domain/reports-reviews.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

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

/**
 * The coordinator's review of a report: received -> needs clarification (a comment saying what is
 * required) or approved, and back to received (reopen). Every action and comment reaches the observer's
 * device on its next pull, as one thread per report (src/server/domain/reports-reviews.ts).
 */
export function reviewRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/reports/:id/thread', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    return readThread(db, access, id);
  });

  app.post('/api/reports/:id/review', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const action = parseInput(ReviewAction, request.body, 'review');
    const thread = await reviewReport(db, access, apiActor(access.user.id), id, { status: action.status, comment: action.comment ?? '', commentId: action.commentId, pin: action.pin ?? null });
    request.log.info({ reportId: id, status: action.status }, 'review');
    return thread;
  });

  app.post('/api/reports/:id/comments', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'report id');
    const input = parseInput(NewComment, request.body, 'comment');
    return addComment(db, access, apiActor(access.user.id), id, { id: input.id, body: input.body, pin: input.pin ?? null });
  });
}
