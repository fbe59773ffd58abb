import type { LocalReport } from '../db/records.ts';
import { useI18n } from '../i18n/messages.ts';

/** The badge every report carries: saved here / waiting to send / sent / refused (with the reason). */
export function SyncState({ report }: { report: LocalReport }) {
  const { t } = useI18n();
  const text = { draft: t('savedHere'), waiting: t('waiting'), sent: t('sent'), refused: t('refused') }[report.sync];
  return (
    <span class={`badge ${report.sync}`} data-testid="report-state" data-state={report.sync} title={report.syncNote}>
      {text}
      {report.sync === 'refused' && report.syncNote !== undefined ? `: ${report.syncNote}` : ''}
    </span>
  );
}
