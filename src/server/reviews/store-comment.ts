import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface NewCommentRow {
  readonly id: string;
  readonly reportId: string;
  readonly authorId: string;
  readonly body: string;
  readonly pin: string | null;
  readonly now: string;
}

/**
 * Stores a comment under the id its author's app made, once: `stored` the first time; `again` when that
 * id already holds this very comment (a retry after a lost answer, or two copies racing: the second waits
 * for the first and then inserts nothing); `taken` when the id holds another comment.
 */
export async function storeComment(trx: Transaction<Database>, comment: NewCommentRow): Promise<'stored' | 'again' | 'taken'> {
  const inserted = await trx
    .insertInto('comments')
    .values({ id: comment.id, report_id: comment.reportId, author_id: comment.authorId, body: comment.body, pin: comment.pin, created_at: comment.now })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined) return 'stored';
  const existing = await trx.selectFrom('comments').select(['report_id', 'author_id', 'body', 'pin']).where('id', '=', comment.id).executeTakeFirstOrThrow();
  const same = existing.report_id === comment.reportId && existing.author_id === comment.authorId && existing.body === comment.body && existing.pin === comment.pin;
  return same ? 'again' : 'taken';
}
