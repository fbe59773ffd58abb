import { listCases } from '../db/cases.ts';
import { reviewSummaryOfCases } from '../db/reports.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../base/use-live.ts';
import { StateBadge } from './sync-state.tsx';

export function CaseList() {
  const { t } = useI18n();
  const { db } = useSession();
  const cases = useLive(() => listCases(db), [db]);
  // Each case says when the coordinator asked something (and how many questions) or approved a report.
  const reviews = useLive(() => reviewSummaryOfCases(db), [db]);
  return (
    <main class="page">
      <div class="title-row">
        <h1>{t('cases')}</h1>
        <a class="button primary" href="/cases/new">
          {t('newCase')}
        </a>
      </div>
      {cases === undefined ? (
        <p>{t('loading')}</p>
      ) : cases.length === 0 ? (
        <p class="empty">{t('noCases')}</p>
      ) : (
        <ul class="list" data-testid="case-list">
          {cases.map((c) => {
            const review = reviews?.get(c.id);
            return (
              <li key={c.id} data-case={c.code}>
                <a href={`/cases/${c.id}`}>
                  <strong>{c.code}</strong>
                  <span class="muted">{c.court}</span>
                  {review !== undefined && <StateBadge state={review.state} questions={review.questions} />}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
