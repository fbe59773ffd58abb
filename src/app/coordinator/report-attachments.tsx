import { contract } from '../../core/api/contract.ts';
import type { CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { formatSize } from '../attachments/format-size.ts';

/**
 * The files a received report refers to, for its coordinator: each with its size and whether it has
 * arrived. A report is accepted before its files (they follow on the observer's next syncs), so
 * "not received yet" is a normal state, not an error.
 */
export function ReportAttachments({ reportId, projectId, t }: { reportId: string; projectId: string; t: CoordinatorText }) {
  const { language } = useI18n();
  const { data, error, reload } = useApi(contract.listReportAttachments, { params: { id: reportId } });
  if (error !== undefined) {
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  }
  if (data === undefined || data.attachments.length === 0) return null;
  const waiting = data.attachments.some((a) => a.state !== 'complete');
  return (
    <section class="card" data-testid="report-attachments">
      <h2>{t('attAttachments')}</h2>
      <ul class="attachment-list">
        {data.attachments.map((a) => {
          const label = a.name ?? (a.kind === undefined ? a.hash.slice(0, 12) : t(`attKind.${a.kind}`));
          return (
            <li key={a.hash} data-testid="report-attachment" data-state={a.state}>
              {a.state === 'complete' ? (
                <a href={`/api/attachments/${projectId}/${a.hash}`} target="_blank" rel="noopener">
                  {label}
                </a>
              ) : (
                <span>{label}</span>
              )}
              <span>
                {a.size === undefined ? '' : `${formatSize(a.size, language)} · `}
                {a.state === 'complete'
                  ? t('attReceived')
                  : a.state === 'missing'
                    ? t('attMissing')
                    : `${t('attArriving')} ${formatSize(a.received, language)} / ${formatSize(a.size ?? 0, language)}`}
              </span>
            </li>
          );
        })}
      </ul>
      {waiting && (
        <button type="button" onClick={reload}>
          {t('attCheckAgain')}
        </button>
      )}
    </section>
  );
}
