import { listCases } from '../db/cases.ts';
import { useI18n } from '../i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../use-live.ts';

export function CaseList() {
  const { t } = useI18n();
  const { db } = useSession();
  const cases = useLive(() => listCases(db), [db]);
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
          {cases.map((c) => (
            <li key={c.id}>
              <a href={`/cases/${c.id}`}>
                <strong>{c.code}</strong>
                <span class="muted">{c.court}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
