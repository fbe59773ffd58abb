import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalReport } from '../db/records.ts';

/**
 * What the observer sees about one report (SYNC.md "Showing it"): saved on this device only, waiting
 * to send, sent, reviewed (the coordinator has opened a review), or refused with the server's reason.
 */
export type ShownState = 'draft' | 'waiting' | 'sent' | 'reviewed' | 'refused';

export function shownState(report: LocalReport, review: ReviewThread | undefined): ShownState {
  if (report.sync === 'sent' && review !== undefined) return 'reviewed';
  return report.sync;
}
