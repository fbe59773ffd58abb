import type { LocalReport } from '../db/records.ts';
import { formatDateTime } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';

/**
 * The versions of a report this device finalised, oldest first, each with its amendment reason and the
 * server's version number once confirmed. Shown once there is more than one, or an amendment under way.
 */
export function VersionHistory({ report }: { report: LocalReport }) {
  const { t, language } = useI18n();
  const history = report.history ?? [];
  if (history.length < 2 && report.amendReason === undefined) return null;
  return (
    <section class="card versions" aria-labelledby="versions-title" data-testid="version-history">
      <h2 id="versions-title">{t('versionHistory')}</h2>
      <ol>
        {history.map((entry, index) => (
          <li key={entry.finalisedAt} data-version={entry.version ?? ''}>
            <strong>{entry.version === undefined ? t('versionUnconfirmed') : t('versionN', { n: entry.version })}</strong>
            {' · '}
            <time dateTime={entry.finalisedAt}>{formatDateTime(entry.finalisedAt, language)}</time>
            {' · '}
            <span class="version-reason">{entry.reason ?? (index === 0 ? t('firstVersion') : '')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
