import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalReport } from '../db/records.ts';

/**
 * What the observer sees about one report (SYNC.md "Showing it"): saved on this device only, waiting
 * to send, sent, reviewed (the coordinator opened a review), needs clarification (the coordinator asked),
 * approved, or refused with the server's reason. The two review outcomes never share a word or a colour.
 */
export type ShownState = 'draft' | 'waiting' | 'sent' | 'reviewed' | 'needs_clarification' | 'approved' | 'refused';

export function shownState(report: LocalReport, review: ReviewThread | undefined): ShownState {
  if (report.sync !== 'sent' || review === undefined) return report.sync;
  if (review.status === 'needs_clarification') return 'needs_clarification';
  if (review.status === 'approved') return 'approved';
  return 'reviewed';
}

/**
 * The coordinator's questions still waiting for the observer: for each answer a comment is pinned to (and
 * for the report as a whole), the coordinator's comments after the observer's last reply there.
 */
export function openQuestions(review: ReviewThread | undefined): number {
  const open = new Map<string, number>();
  for (const comment of review?.comments ?? []) {
    const pin = comment.pin ?? '';
    open.set(pin, comment.authorRole === 'coordinator' ? (open.get(pin) ?? 0) + 1 : 0);
  }
  let total = 0;
  for (const n of open.values()) total += n;
  return total;
}
