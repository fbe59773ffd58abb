import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { ApiFailure } from '../base/api/client.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { ProjectPicker, useCoordinatedProject } from './project-picker.tsx';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import './coordinator.css';
import { errorText } from '../base/i18n/error-text.ts';
import { issueText } from '../base/i18n/api-errors.ts';

/**
 * The checklists this coordinator's projects use, and publishing a new version from a form file (checked
 * before it is stored) into one project they coordinate: only that project's observers receive it.
 */
export default function FormsScreen() {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const { projects, projectId, choose } = useCoordinatedProject();
  const { data, error, reload } = useApi(contract.listForms, {});
  const [result, setResult] = useState<{ ok: boolean; text: string; faults: readonly string[] } | undefined>(undefined);

  const upload = async (file: File | undefined): Promise<void> => {
    if (file === undefined || projectId === undefined) return;
    let definition: unknown;
    try {
      definition = JSON.parse(await file.text());
    } catch {
      setResult({ ok: false, text: t('notJson'), faults: [] });
      return;
    }
    try {
      const published = await call(contract.publishForm, { query: { projectId }, body: definition });
      setResult({ ok: true, text: `${published.id}@${published.version}: ${published.status === 'published' ? t('published') : t('alreadyPublished')}`, faults: [] });
      reload();
    } catch (failure) {
      const faults = failure instanceof ApiFailure ? failure.issues.map((issue) => issueText(i18n.language, issue)) : [];
      setResult({ ok: false, text: errorText(i18n, failure), faults });
    }
  };

  return (
    <main class="page wide">
      <h1>{t('checklists')}</h1>
      <ProjectPicker projects={projects} projectId={projectId} onChoose={choose} />
      <section class="card">
        <label for="form-file">{t('publishVersion')}</label>
        <p class="help">{t('publishHelp')}</p>
        <input id="form-file" type="file" accept="application/json,.json" onChange={(e) => void upload(e.currentTarget.files?.[0])} />
        {result !== undefined && (
          <div role={result.ok ? 'status' : 'alert'} class={result.ok ? '' : 'error'} data-testid="publish-result">
            <p>{result.text}</p>
            {result.faults.length > 0 && (
              <ul>
                {result.faults.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data !== undefined && (
        <table class="table" data-testid="published-forms">
          <thead>
            <tr>
              <th scope="col">{t('checklist')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('publishedAt')}</th>
              <th scope="col">{t('formScope')}</th>
            </tr>
          </thead>
          <tbody>
            {data.forms.map((f) => (
              <tr key={`${f.id}@${f.version}`}>
                <td>{f.id}</td>
                <td>{f.version}</td>
                <td>{new Date(f.publishedAt).toLocaleString(language)}</td>
                <td>{f.projectId === null ? t('everyProject') : (projects.find((p) => p.id === f.projectId)?.name ?? f.projectId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
