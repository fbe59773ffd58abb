import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalReport } from '../db/records.ts';
import { refusalReasonText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { openQuestions, shownState, type ShownState } from '../sync/report-state.ts';

/**
 * A report's or a case's state in words: saved here / waiting to send / sent / reviewed / needs
 * clarification with the number of questions / approved / refused (with the reason). Approved and
 * needs clarification differ in word, sign and colour.
 */
export function StateBadge({ state, questions, note }: { state: ShownState; questions: number; note?: string | undefined }) {
  const { t } = useI18n();
  const text = {
    draft: t('savedHere'),
    waiting: t('waiting'),
    sent: t('sent'),
    reviewed: t('reviewed'),
    needs_clarification: questions === 0 ? t('review.needs_clarification') : questions === 1 ? t('needsClarification1') : t('needsClarificationN', { n: questions }),
    approved: t('review.approved'),
    refused: t('refused'),
  }[state];
  return (
    <span class={`badge ${state}`} data-testid="report-state" data-state={state} data-questions={questions} title={note}>
      {state === 'approved' && <span aria-hidden="true">✓ </span>}
      {state === 'needs_clarification' && <span aria-hidden="true">? </span>}
      {text}
      {state === 'refused' && note !== undefined ? `: ${note}` : ''}
    </span>
  );
}

/** The badge every report carries. */
export function SyncState({ report, review }: { report: LocalReport; review: ReviewThread | undefined }) {
  const state = shownState(report, review);
  const { language } = useI18n();
  return <StateBadge state={state} questions={state === 'needs_clarification' ? openQuestions(review) : 0} note={report.syncNote === undefined ? undefined : refusalReasonText(language, report)} />;
}
