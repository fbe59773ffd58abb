import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../base/i18n/messages.ts';
import { contract } from '../../core/api/contract.ts';
import type { CaseFilterInput } from '../../core/api/cases.ts';
import { MergeControl, twinsOf } from './merge-control.tsx';
import { OpenCaseForm } from './open-case-form.tsx';
import { useText } from './text.ts';
import { usePages } from './use-pages.ts';
import './coordinator.css';

interface Choice {
  readonly id: string;
  readonly name: string;
}

type ReviewStatusFilter = '' | 'received' | 'needs_clarification' | 'approved';

interface Filter {
  q: string;
  project: string;
  observer: string;
  status: ReviewStatusFilter;
  court: string;
  from: string;
  to: string;
  concerns: '' | '1' | '0';
}

/** The filters that are set; an empty field filters nothing. */
function query(filter: Filter): CaseFilterInput {
  const chosen: Record<string, string> = {};
  for (const key of ['q', 'project', 'observer', 'status', 'court', 'from', 'to', 'concerns'] as const) if (filter[key] !== '') chosen[key] = filter[key];
  return chosen;
}

/** Every case of the coordinator's projects, filtered and searched; each opens its review page. */
export default function CaseListScreen() {
  const t = useText();
  const { language } = useI18n();
  const [draft, setDraft] = useState<Filter>({ q: '', project: '', observer: '', status: '', court: '', from: '', to: '', concerns: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  // Page after page (the server answers at most 500 cases at once, with the cursor of the next page).
  const { rows: cases, first, done, error, reload } = usePages(contract.listCases, { query: query(filter) }, 'cases');
  // The choices come with every answer; keep the first ones so the selects do not flicker while a new list loads.
  const [choices, setChoices] = useState<{ projects: Choice[]; observers: Choice[] }>({ projects: [], observers: [] });
  useEffect(() => {
    if (first !== undefined && choices.projects.length === 0 && first.projects.length > 0) setChoices({ projects: first.projects, observers: first.observers });
  }, [first, choices]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const set = (key: keyof Filter) => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  return (
    <main class="page wide">
      <div class="title-row">
        <h1>{t('cases')}</h1>
        <span class="actions">
          <a class="button" href="/coordinator/themes">
            {t('themes')}
          </a>
          <a class="button" href="/coordinator/forms">
            {t('checklists')}
          </a>
          <a class="button" href="/coordinator/attachments">
            {t('attSettings')}
          </a>
          <a class="button" href="/coordinator/sealing">
            {t('sealedReports')}
          </a>
        </span>
      </div>
      <OpenCaseForm projects={choices.projects} />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <label>
          {t('search')}
          <input type="search" value={draft.q} onInput={set('q')} />
        </label>
        {choices.projects.length > 1 && (
          <label>
            {t('project')}
            <select value={draft.project} onChange={set('project')}>
              <option value="">{t('any')}</option>
              {choices.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('observer')}
          <select value={draft.observer} onChange={set('observer')}>
            <option value="">{t('any')}</option>
            {choices.observers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reviewStatus')}
          <select value={draft.status} onChange={set('status')}>
            <option value="">{t('any')}</option>
            <option value="received">{t('received')}</option>
            <option value="needs_clarification">{t('needs_clarification')}</option>
            <option value="approved">{t('approved')}</option>
          </select>
        </label>
        <label>
          {t('court')}
          <input value={draft.court} onInput={set('court')} />
        </label>
        <label>
          {t('from')}
          <input type="date" value={draft.from} onInput={set('from')} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={draft.to} onInput={set('to')} />
        </label>
        <label>
          {t('concerns')}
          <select value={draft.concerns} onChange={set('concerns')}>
            <option value="">{t('any')}</option>
            <option value="1">{t('withConcerns')}</option>
            <option value="0">{t('withoutConcerns')}</option>
          </select>
        </label>
        <button class="primary" type="submit">
          {t('apply')}
        </button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice !== undefined && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {!done && error === undefined && cases.length > 0 && (
        <p class="progress" role="status">
          {t('loadingCases')} {cases.length.toLocaleString(language)}
        </p>
      )}
      {done && cases.length === 0 && <p class="empty">{t('noCases')}</p>}
      {cases.length > 0 && (
        <table class="table" data-testid="coordinator-cases">
          <thead>
            <tr>
              <th scope="col">{t('caseCode')}</th>
              <th scope="col">{t('court')}</th>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('reports')}</th>
              <th scope="col">{t('lastHearing')}</th>
              <th scope="col">{t('concerns')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} class={c.duplicateCode ? 'duplicate-code' : undefined}>
                <td>
                  <a href={`/coordinator/cases/${c.id}`}>{c.code}</a>
                  {c.duplicateCode && (
                    <>
                      {' '}
                      <span class="badge warn" title={t('duplicateCode')} data-testid="duplicate-code">
                        {t('duplicateMark')}
                      </span>{' '}
                      <MergeControl
                        row={c}
                        twins={twinsOf(c, cases)}
                        onMerged={(message) => {
                          setNotice(message);
                          reload();
                        }}
                      />
                    </>
                  )}
                </td>
                <td>{c.court}</td>
                <td>{c.project}</td>
                <td>{c.reportCount.toLocaleString(language)}</td>
                <td>{c.lastHearing ?? ''}</td>
                <td class={c.concerns !== null && c.concerns > 0 ? 'has-concerns' : ''}>{c.concerns === null ? '–' : c.concerns.toLocaleString(language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
