import { useI18n } from '../../base/i18n/messages.ts';
import { useBrowseText } from './browse-text.ts';
import type { UnopenedReport } from './open-case-bundle.ts';

/** "Locked" on a sealed project's screen: what is sealed, and the way to unlock it for this session. */
export function LockedNotice({ text }: { text: string }) {
  const t = useBrowseText();
  return (
    <p class="notice" data-testid="sealed-locked">
      {text} <a href="/coordinator/sealing">{t('unlockHere')}</a>
    </p>
  );
}

/** Progress while many sealed versions are opened in this browser. */
export function OpeningProgress({ done, total }: { done: number; total: number }) {
  const t = useBrowseText();
  const { language } = useI18n();
  return (
    <label class="progress" data-testid="sealed-opening">
      {t('opening', { done: done.toLocaleString(language), total: total.toLocaleString(language) })}
      <progress max={total} value={done} />
    </label>
  );
}

/** The sealed versions that did not open, each by its id: the rest of the screen goes on without them. */
export function UnopenedReports({ reports }: { reports: readonly UnopenedReport[] }) {
  const t = useBrowseText();
  if (reports.length === 0) return null;
  return (
    <section class="card" role="alert" data-testid="unopened-reports">
      <h2>{t('unopenedTitle')}</h2>
      <p class="help">{t('unopenedHelp')}</p>
      <ul>
        {reports.map((r) => (
          <li key={r.reportId} data-report={r.reportId}>
            <a href={`/coordinator/reports/${r.reportId}`}>{t('unopened', { id: r.reportId, version: r.version, date: r.hearingDate, observer: r.observerCode })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
