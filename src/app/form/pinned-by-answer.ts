import type { CommentRecord, ReviewThread } from '../../core/sync/protocol.ts';
import type { PendingReply } from '../db/reviews.ts';
import type { PinnedComment } from './pinned-comments.tsx';

/**
 * The comments of a report's thread grouped by the answer they are pinned to ("itemId" or
 * "repeatId.rowId.itemId"), with the observer's replies still waiting to be sent after them.
 */
export function pinnedByAnswer(data: { thread: ReviewThread | undefined; pending: readonly PendingReply[] } | undefined, me: string, you: string): ReadonlyMap<string, readonly PinnedComment[]> {
  const byPin = new Map<string, PinnedComment[]>();
  const add = (pin: string | undefined, comment: PinnedComment): void => {
    if (pin === undefined) return;
    const list = byPin.get(pin) ?? [];
    list.push(comment);
    byPin.set(pin, list);
  };
  const fromRecord = (c: CommentRecord): PinnedComment => ({ id: c.id, author: c.authorId === me ? you : c.authorName, role: c.authorRole, body: c.body, createdAt: c.createdAt, pending: false });
  for (const c of data?.thread?.comments ?? []) add(c.pin, fromRecord(c));
  for (const p of data?.pending ?? []) add(p.pin, { id: p.id, author: you, role: 'observer', body: p.body, createdAt: p.createdAt, pending: true });
  return byPin;
}
