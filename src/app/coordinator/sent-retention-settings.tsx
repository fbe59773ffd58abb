import { useEffect, useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { SENT_RETENTION_CHOICES, type SentRetentionDays } from '../../core/sync/sent-retention.ts';
import type { ProjectRef } from '../base/account.ts';
import { call } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';

/** A choice as the select's value: the days, or "never". */
const asValue = (days: SentRetentionDays): string => (days === null ? 'never' : String(days));
const fromValue = (value: string): SentRetentionDays => SENT_RETENTION_CHOICES.find((days) => String(days) === value) ?? null;

/**
 * How long the project's phones keep a sent report's contents (issue 10 item 5): after that many days
 * from the server's confirmation the phone deletes the answers, notes and files and keeps only that the
 * report was sent. Devices receive the choice on their next sync.
 */
export function SentRetentionSettings({ project, t }: { project: ProjectRef; t: CoordinatorText }) {
  const i18n = useI18n();
  const { data, error } = useApi(contract.getSentRetention, { params: { projectId: project.id } });
  const [value, setValue] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  useEffect(() => {
    if (data !== undefined) setValue(asValue(data.days));
  }, [data]);

  const save = async (): Promise<void> => {
    setResult(undefined);
    try {
      await call(contract.putSentRetention, { params: { projectId: project.id }, body: { days: fromValue(value) } });
      setResult({ ok: true, text: t('attSaved') });
    } catch (failure) {
      setResult({ ok: false, text: errorText(i18n, failure) });
    }
  };

  const id = `retention-${project.id}`;
  return (
    <section class="card" data-testid={`sent-retention-${project.name}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>
          {t('retentionTitle')}: {project.name}
        </h2>
        <p class="help" id={`${id}-help`}>
          {t('retentionHelp')}
        </p>
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {data !== undefined && (
          <>
            <label for={id}>{t('retentionLabel')}</label>
            <select id={id} value={value} aria-describedby={`${id}-help`} onChange={(e) => setValue(e.currentTarget.value)}>
              {SENT_RETENTION_CHOICES.map((days) => (
                <option key={days} value={String(days)}>
                  {days === 0 ? t('retentionAtOnce') : t('retentionDays').replace('{n}', days.toLocaleString(i18n.language))}
                </option>
              ))}
              <option value="never">{t('retentionNever')}</option>
            </select>
            <div class="actions">
              <button class="primary" type="submit">
                {t('save')}
              </button>
            </div>
            {result !== undefined && (
              <p role={result.ok ? 'status' : 'alert'} class={result.ok ? '' : 'error'}>
                {result.text}
              </p>
            )}
          </>
        )}
      </form>
    </section>
  );
}
