import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { localize } from '../../core/forms/types.ts';
import { getCase } from '../db/cases.ts';
import { formChoices } from '../db/form-choices.ts';
import { discardedOfCase, hearingDateOfReport, restoreDraft, startReport, timelineOfCase } from '../db/reports.ts';
import { formatDateTime, formatDay } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../base/use-live.ts';
import { CaseRegisterPanel } from './case-register-panel.tsx';
import { SyncState } from './sync-state.tsx';

export function CasePage() {
  const { t, language } = useI18n();
  const { db } = useSession();
  const { params } = useRoute();
  const { route } = useLocation();
  const caseId = params['id'] ?? '';
  const kase = useLive(() => getCase(db, caseId), [db, caseId]);
  const timeline = useLive(() => timelineOfCase(db, caseId), [db, caseId]);
  const forms = useLive(() => formChoices(db), [db]);
  const discarded = useLive(() => discardedOfCase(db, caseId), [db, caseId]);
  const [formId, setFormId] = useState<string | undefined>(undefined);

  if (kase === undefined) return <main class="page">{t('loading')}</main>;
  const chosen = forms?.find((f) => f.id === (formId ?? 'hearing')) ?? forms?.[0];

  const start = async (): Promise<void> => {
    if (chosen === undefined) return;
    const report = await startReport(db, kase, chosen);
    route(`/reports/${report.id}`);
  };

  return (
    <main class="page">
      <a href="/">← {t('cases')}</a>
      <h1>{kase.code}</h1>
      <p class="muted">{kase.court}</p>
      <CaseRegisterPanel caseId={kase.id} />
      <section class="card">
        <h2>{t('newReport')}</h2>
        {forms === undefined || forms.length === 0 ? (
          <p class="empty">{t('noForms')}</p>
        ) : (
          <div class="inline-form">
            <label for="form-choice">{t('chooseForm')}</label>
            <select id="form-choice" value={chosen?.id} onChange={(e) => setFormId(e.currentTarget.value)}>
              {forms.map((f) => (
                <option key={f.id} value={f.id}>
                  {localize(f.title, language)}
                </option>
              ))}
            </select>
            <button class="primary" type="button" onClick={() => void start()}>
              {t('start')}
            </button>
          </div>
        )}
      </section>
      <h2>{t('hearings')}</h2>
      {discarded?.map((r) => (
        // Until the next sync deletes it, a discarded draft can be brought back.
        <p key={r.id} class="undo-bar" role="status">
          <span>{t('discarded', { date: formatDateTime(r.createdAt, language) })}</span>
          <button type="button" onClick={() => void restoreDraft(db, r.id)}>
            {t('restoreDraft')}
          </button>
        </p>
      ))}
      {timeline === undefined || timeline.length === 0 ? (
        <p class="empty">{t('noReports')}</p>
      ) : (
        // The case's hearings in date order, each with where its report stands.
        <ol class="timeline" data-testid="report-list">
          {timeline.map(({ report: r, review }) => {
            const hearingDate = hearingDateOfReport(r);
            const title = forms?.find((f) => f.id === r.formId)?.title;
            return (
              <li key={r.id} data-hearing-date={hearingDate}>
                <a href={`/reports/${r.id}`}>
                  <time dateTime={hearingDate}>{formatDay(hearingDate, language)}</time> <span>{title === undefined ? r.formId : localize(title, language)}</span>
                  {r.serverVersion > 1 && <span class="muted">{t('versionN', { n: r.serverVersion })}</span>}
                </a>
                <SyncState report={r} review={review} />
              </li>
            );
          })}
        </ol>
      )}
    </main>
  );
}
