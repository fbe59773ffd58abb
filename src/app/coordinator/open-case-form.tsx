import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useText } from './text.ts';

interface Choice {
  readonly id: string;
  readonly name: string;
}

/**
 * A coordinator registers a case (code and court), as an observer's device does offline; the case page
 * opens next. A code another case of the project has is accepted (the server cannot know which of two
 * offline cases is right): the case list then marks both for merging.
 */
export function OpenCaseForm({ projects }: { readonly projects: readonly Choice[] }) {
  const t = useText();
  const i18n = useI18n();
  const { route } = useLocation();
  const [project, setProject] = useState('');
  const [code, setCode] = useState('');
  const [court, setCourt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const projectId = project === '' ? (projects[0]?.id ?? '') : project;

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const opened = await call(contract.openCase, { params: { projectId }, body: { code, court } });
      route(`/coordinator/cases/${opened.id}`);
    } catch (failure) {
      setError(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="open-case">
      <summary>{t('openCase')}</summary>
      <p class="muted">{t('openCaseHint')}</p>
      <form
        class="filters"
        data-testid="open-case"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {projects.length > 1 && (
          <label>
            {t('project')}
            <select value={projectId} onChange={(e) => setProject(e.currentTarget.value)}>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('caseCode')}
          <input required maxLength={64} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <label>
          {t('court')}
          <input maxLength={200} value={court} onInput={(e) => setCourt(e.currentTarget.value)} />
        </label>
        <button class="primary" type="submit" disabled={busy || projectId === ''}>
          {t('openCaseButton')}
        </button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
