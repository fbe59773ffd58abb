import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../core/forms/types.ts';
import type { AttachmentSettings } from '../../core/sync/attachments.ts';
import type { ProjectRef } from '../base/account.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { SentRetentionSettings } from './sent-retention-settings.tsx';
import { RegionalStandardsSettings } from './regional-standards-settings.tsx';
import { useText, type CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';
import { useSession } from '../session.ts';
import './coordinator.css';
import '../attachments/attachments.css';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

const MB = 1024 * 1024;

/** Which files observers may attach, per project the coordinator runs; devices receive a change on their next sync. */
export default function AttachmentSettingsScreen() {
  const t = useText();
  const { account } = useSession();
  const projects = account.projects.filter((p) => p.role === 'coordinator');
  return (
    <main class="page wide">
      <h1>{t('attSettings')}</h1>
      <p class="help">{t('attSettingsHelp')}</p>
      {projects.map((project) => (
        <Fragment key={project.id}>
          <ProjectSettings project={project} t={t} />
          <SentRetentionSettings project={project} t={t} />
        </Fragment>
      ))}
      {projects.map((project) => (
        <RegionalStandardsSettings key={`regions-${project.id}`} project={project} t={t} />
      ))}
    </main>
  );
}

function ProjectSettings({ project, t }: { project: ProjectRef; t: CoordinatorText }) {
  const i18n = useI18n();
  const { data, error } = useApi(contract.getAttachmentSettings, { params: { projectId: project.id } });
  const [kinds, setKinds] = useState<readonly AttachmentKind[]>([]);
  const [megabytes, setMegabytes] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  useEffect(() => {
    if (data === undefined) return;
    setKinds(data.kinds);
    setMegabytes(String(Math.round((data.maxBytes / MB) * 10) / 10));
  }, [data]);

  const save = async (): Promise<void> => {
    setResult(undefined);
    try {
      const body: AttachmentSettings = { kinds: [...kinds], maxBytes: Math.round(Number(megabytes) * MB) };
      await call(contract.putAttachmentSettings, { params: { projectId: project.id }, body });
      setResult({ ok: true, text: t('attSaved') });
    } catch (failure) {
      setResult({ ok: false, text: errorText(i18n, failure) });
    }
  };

  const id = `att-${project.id}`;
  return (
    <section class="card" data-testid={`attachment-settings-${project.name}`}>
      <h2>{project.name}</h2>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data !== undefined && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('attAllowedKinds')}</legend>
            {ATTACHMENT_KINDS.map((kind) => (
              <label key={kind} class="option">
                <input
                  type="checkbox"
                  name={kind}
                  checked={kinds.includes(kind)}
                  onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
                />
                <span>{t(`attKinds.${kind}`)}</span>
              </label>
            ))}
          </fieldset>
          <label for={`${id}-max`}>{t('attMaxSize')}</label>
          <input id={`${id}-max`} type="number" min={0.1} max={100} step={0.1} value={megabytes} onInput={(e) => setMegabytes(e.currentTarget.value)} />
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
        </form>
      )}
    </section>
  );
}
