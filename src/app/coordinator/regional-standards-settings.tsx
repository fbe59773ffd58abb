import { useEffect, useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { REGIONS, type Region } from '../../core/forms/regions.ts';
import type { ProjectRef } from '../base/account.ts';
import { call } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';

/**
 * Which regional systems a project works under (a Council of Europe state cites the ECHR): the case
 * page's matrix and every export name their articles beside the universal rights. Shown on the
 * project settings screen under each project the coordinator runs.
 */
export function RegionalStandardsSettings({ project, t }: { project: ProjectRef; t: CoordinatorText }) {
  const i18n = useI18n();
  const { data, error } = useApi(contract.getRegionalStandards, { params: { projectId: project.id } });
  const [regions, setRegions] = useState<readonly Region[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  useEffect(() => {
    if (data !== undefined) setRegions(data.regions);
  }, [data]);

  const save = async (): Promise<void> => {
    setResult(undefined);
    try {
      await call(contract.putRegionalStandards, { params: { projectId: project.id }, body: { regions: [...regions] } });
      setResult({ ok: true, text: t('regionalSaved') });
    } catch (failure) {
      setResult({ ok: false, text: errorText(i18n, failure) });
    }
  };

  return (
    <section class="card" data-testid={`regional-standards-${project.name}`}>
      <h2>
        {t('regionalStandards')} · {project.name}
      </h2>
      <p class="help">{t('regionalStandardsHelp')}</p>
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
            <legend>{t('regionalStandards')}</legend>
            {REGIONS.map((region) => (
              <label key={region} class="option">
                <input
                  type="checkbox"
                  name={region}
                  checked={regions.includes(region)}
                  onChange={(e) => setRegions(e.currentTarget.checked ? [...regions, region] : regions.filter((r) => r !== region))}
                />
                <span>{t(`regions.${region}`)}</span>
              </label>
            ))}
          </fieldset>
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
