import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { createCase } from '../db/cases.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { errorText } from '../base/i18n/error-text.ts';

export function CaseNew() {
  const i18n = useI18n();
  const { t } = i18n;
  const { db, account, sync } = useSession();
  const { route } = useLocation();
  const [code, setCode] = useState('');
  const [court, setCourt] = useState('');
  const [projectId, setProjectId] = useState(account.projects[0]?.id ?? '');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      const kase = await createCase(db, { projectId, code, court });
      sync.afterWrite();
      route(`/cases/${kase.id}`);
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };

  return (
    <main class="page narrow">
      <h1>{t('newCase')}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <label for="case-code">{t('caseCode')}</label>
        <input id="case-code" required maxLength={64} value={code} aria-describedby="case-code-help" onInput={(e) => setCode(e.currentTarget.value)} />
        <p class="help" id="case-code-help">
          {t('caseCodeHelp')}
        </p>
        <label for="case-court">{t('court')}</label>
        <input id="case-court" maxLength={200} value={court} onInput={(e) => setCourt(e.currentTarget.value)} />
        {account.projects.length > 1 && (
          <>
            <label for="case-project">{t('project')}</label>
            <select id="case-project" value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)}>
              {account.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </>
        )}
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <a class="button" href="/">
            {t('cancel')}
          </a>
          <button class="primary" type="submit">
            {t('create')}
          </button>
        </div>
      </form>
    </main>
  );
}
