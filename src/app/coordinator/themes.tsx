import { useState } from 'preact/hooks';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { rightName } from '../../core/export/citation.ts';
import { isCoordinator as coordinatesAny } from '../base/account.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { FEW_HEARINGS, ThemeChart, type Series } from './theme-chart.tsx';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import { contract } from '../../core/api/contract.ts';
import './coordinator.css';


const RIGHTS = new Map(BUILTIN_RIGHTS.map((r) => [r.id, r]));
const SHOWN = 6;

/** Per project: for each right, the share of observed hearings with a concern, month by month. */
export default function ThemesScreen() {
  const t = useText();
  const { language } = useI18n();
  const { account } = useSession();
  const projects = account.projects.filter((p) => p.role === 'coordinator' || account.user.isAdmin);
  const [projectId, setProjectId] = useState(projects[0]?.id ?? '');
  const { data, error } = useApi(contract.getThemes, projectId === '' || !coordinatesAny(account) ? undefined : { params: { projectId } });

  const name = (id: string): string => {
    return rightName(RIGHTS.get(id), id, language);
  };
  const share = (count: number, total: number): number | null => (total === 0 ? null : count / total);
  const ranked = [...(data?.rights ?? [])].sort((a, b) => b.hearings.reduce((s, n) => s + n, 0) - a.hearings.reduce((s, n) => s + n, 0));
  const series: Series[] = ranked.slice(0, SHOWN).map((r) => ({ label: name(r.right), shares: r.hearings.map((n, i) => share(n, data?.hearings[i] ?? 0)) }));

  return (
    <main class="page wide">
      <h1>{t('themes')}</h1>
      <label for="theme-project">{t('project')}</label>
      <select id="theme-project" value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)}>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data !== undefined && data.months.length === 0 && <p class="empty">{t('noHearings')}</p>}
      {data !== undefined && data.months.length > 0 && (
        <>
          <ThemeChart months={data.months} hearings={data.hearings} series={series} t={t} />
          <div class="matrix-wrap">
            <table class="table" data-testid="themes-table">
              <caption>{t('themeTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('right')}</th>
                  {data.months.map((m, i) => (
                    <th scope="col" key={m} class={(data.hearings[i] ?? 0) < FEW_HEARINGS ? 'few-hearings' : undefined}>
                      {m} ({data.hearings[i] ?? 0}){(data.hearings[i] ?? 0) < FEW_HEARINGS ? ' *' : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ranked.map((r) => (
                  <tr key={r.right}>
                    <th scope="row">{name(r.right)}</th>
                    {r.hearings.map((n, i) => {
                      const s = share(n, data.hearings[i] ?? 0);
                      return <td key={data.months[i]}>{s === null ? '' : `${Math.round(s * 100)}% (${n})`}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}
