import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalReport } from '../db/records.ts';
import { useI18n } from '../i18n/messages.ts';
import { shownState } from '../sync/report-state.ts';

/** The badge every report carries: saved here / waiting to send / sent / reviewed / refused (with the reason). */
export function SyncState({ report, review }: { report: LocalReport; review: ReviewThread | undefined }) {
  const { t } = useI18n();
  const state = shownState(report, review);
  const text = { draft: t('savedHere'), waiting: t('waiting'), sent: t('sent'), reviewed: t('reviewed'), refused: t('refused') }[state];
  return (
    <span class={`badge ${state}`} data-testid="report-state" data-state={state} title={report.syncNote}>
      {text}
      {state === 'refused' && report.syncNote !== undefined ? `: ${report.syncNote}` : ''}
    </span>
  );
}
