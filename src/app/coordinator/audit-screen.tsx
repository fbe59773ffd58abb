import { useEffect, useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import type { AuditEntry } from '../../core/api/audit.ts';
import { call } from '../api/call.ts';
import { useI18n } from '../i18n/messages.ts';
import { ProjectPicker, useCoordinatedProject } from './project-picker.tsx';
import { useText } from './text.ts';
import './coordinator.css';
import { errorText } from '../i18n/error-text.ts';

/** The audit log of the chosen project, newest first, a page at a time. */
export default function AuditScreen() {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const { projects, projectId, choose } = useCoordinatedProject();
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = async (before: string | null, replace: boolean): Promise<void> => {
    if (projectId === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await call(contract.listAudit, { query: { project: projectId, ...(before === null ? {} : { before }) } });
      setEntries((current) => (replace ? page.entries : [...current, ...page.entries]));
      setNext(page.next);
    } catch (failure) {
      setError(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  // The first page again whenever the project changes.
  useEffect(() => {
    void load(null, true);
  }, [projectId]);

  return (
    <main class="page wide">
      <h1>{t('auditLog')}</h1>
      <ProjectPicker projects={projects} projectId={projectId} onChoose={choose} />
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 && !busy && error === undefined && <p>{t('noEntries')}</p>}
      {entries.length > 0 && (
        <table class="table" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('action')}</th>
              <th scope="col">{t('about')}</th>
              <th scope="col">{t('details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString(language)}</td>
                <td>{e.actor?.username ?? t('commandLine')}</td>
                <td>{e.action}</td>
                <td>{e.target ?? ''}</td>
                <td>
                  {Object.entries(e.detail)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p aria-live="polite">
        {entries.length} {t('entriesShown')}
        {busy ? ' …' : ''}
      </p>
      {next !== null && (
        <button type="button" disabled={busy} onClick={() => void load(next, false)}>
          {t('loadMore')}
        </button>
      )}
    </main>
  );
}
