import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { addComment, readThread, reviewReport } from '../domain/reports-reviews.ts';
import { notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * The coordinator's review of a report: received -> needs clarification (a comment saying what is
 * required) or approved, and back to received (reopen). Every action and comment reaches the observer's
 * device on its next pull, as one thread per report (src/server/domain/reports-reviews.ts).
 */
export function reviewRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;
  // A report the caller may read always has a thread; none would be a report gone since: 404, never an empty answer.
  const found = <T>(thread: T | undefined): T => {
    if (thread === undefined) throw notFound('report');
    return thread;
  };

  registerRoute(app, contract.getThread, async ({ params }, request) => {
    const access = requireAccess(request);
    return found(await readThread(db, access, params.id));
  });

  registerRoute(app, contract.reviewReport, async ({ params: { id }, body: action }, request) => {
    const access = requireAccess(request);
    const thread = await reviewReport(db, access, apiActor(access.user.id), id, { status: action.status, comment: action.comment ?? '', commentId: action.commentId, pin: action.pin ?? null });
    request.log.info({ reportId: id, status: action.status }, 'review');
    return found(thread);
  });

  registerRoute(app, contract.commentOnReport, async ({ params: { id }, body: input }, request) => {
    const access = requireAccess(request);
    return found(await addComment(db, access, apiActor(access.user.id), id, { id: input.id, body: input.body, pin: input.pin ?? null }));
  });
}
