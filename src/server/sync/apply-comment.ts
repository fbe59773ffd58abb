import type { Transaction } from 'kysely';
import type { CommentFields } from '../../core/sync/protocol.ts';
import { mayReadOwnOrCoordinated, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { storeComment } from '../reviews/store-comment.ts';
import { threadChange } from '../reviews/thread.ts';
import { refuse, type Applied } from './apply-case.ts';

/**
 * Adds a comment to a report's conversation: the report's observer replying (often written offline), or
 * a coordinator of its project. Comments are append-only and keyed by their id, so a retry is a no-op.
 */
export async function applyComment(trx: Transaction<Database>, access: Access, id: string, fields: CommentFields, now: string): Promise<Applied> {
  const report = await trx.selectFrom('reports').select(['id', 'project_id', 'author_id']).where('id', '=', fields.reportId).executeTakeFirst();
  if (report === undefined) return refuse('comment_report_unknown');
  if (!mayReadOwnOrCoordinated(access, report)) return refuse('comment_forbidden');
  const stored = await storeComment(trx, { id, reportId: report.id, authorId: access.user.id, body: fields.body, pin: fields.pin ?? null, now });
  if (stored === 'taken') return refuse('comment_id_taken');
  return stored === 'again' ? { result: { status: 'unchanged', version: 1 }, changes: [] } : { result: { status: 'applied', version: 1 }, changes: [threadChange(report)] };
}
