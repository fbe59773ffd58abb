import { useEffect, useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { AUDIT_KIND_NAMES, type AuditEntry, type AuditKind } from '../../core/api/audit.ts';
import { AUDIT_KIND_LABELS, auditSentence } from './audit-sentences.ts';
import { call } from '../base/api/call.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { ProjectPicker, useCoordinatedProject } from './project-picker.tsx';
import { useText } from './text.ts';
import './coordinator.css';
import { errorText } from '../base/i18n/error-text.ts';

/**
 * The audit log of the chosen project, newest first, a page at a time, as sentences ("Anna Petrova opened
 * case KG-17") whose subjects link to their pages; filtered by kind. Reads of case pages and exports are
 * a kind of their own, left out unless chosen: each visit to a case page is one.
 */
export default function AuditScreen() {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const { projects, projectId, choose } = useCoordinatedProject();
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<AuditKind | ''>('');
  const kindLabels = AUDIT_KIND_LABELS[language === 'ru' ? 'ru' : 'en'];

  const load = async (before: string | null, replace: boolean): Promise<void> => {
    if (projectId === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await call(contract.listAudit, { query: { project: projectId, ...(kind === '' ? {} : { kind }), ...(before === null ? {} : { before }) } });
      setEntries((current) => (replace ? page.entries : [...current, ...page.entries]));
      setNext(page.next);
    } catch (failure) {
      setError(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  // The first page again whenever the project or the kind changes.
  useEffect(() => {
    void load(null, true);
  }, [projectId, kind]);

  return (
    <main class="page wide">
      <h1>{t('auditLog')}</h1>
      <ProjectPicker projects={projects} projectId={projectId} onChoose={choose} />
      <label>
        {t('auditKind')}{' '}
        <select data-testid="audit-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as AuditKind | '')}>
          <option value="">{kindLabels.all}</option>
          {AUDIT_KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </label>
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
              <th scope="col">{t('action')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString(language)}</td>
                <td>
                  <strong>{e.actor === null ? t('commandLine') : e.actor.name !== undefined && e.actor.name !== '' ? e.actor.name : e.actor.username}</strong>{' '}
                  {auditSentence(e, language).map((part, i) =>
                    'text' in part ? (
                      part.text
                    ) : part.href === undefined ? (
                      <em key={i}>{part.subject}</em>
                    ) : (
                      <a key={i} href={part.href}>
                        {part.subject}
                      </a>
                    ),
                  )}
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
