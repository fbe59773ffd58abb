import { contract } from '../../core/api/contract.ts';
import type { ProjectPerson } from '../../core/api/people.ts';
import { call } from '../base/api/call.ts';
import { useText } from './text.ts';
import { usePages } from './use-pages.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

/** Which observers follow which case: a case reaches an observer's device once they are assigned. */
export function AssignmentsPanel({ projectId, observers }: { projectId: string; observers: readonly ProjectPerson[] }) {
  const t = useText();
  const i18n = useI18n();
  // Every page of the project's cases (the server answers 1,000 at a time, with the cursor of the next).
  const { rows: cases, done, error, reload } = usePages(contract.listAssignments, { params: { projectId } }, 'cases');
  const toggle = async (caseId: string, userId: string, assigned: boolean): Promise<void> => {
    try {
      await call(contract.assignObserver, { params: { projectId, caseId }, body: { userId, assigned } });
    } catch (failure) {
      alert(errorText(i18n, failure));
    }
    reload();
  };
  return (
    <section class="card" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t('assignments')}</h2>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && cases.length === 0 && <p>{t('noProjectCases')}</p>}
      {cases.length > 0 && (
        <div class="table-scroll">
          <table class="table" data-testid="assignments">
            <thead>
              <tr>
                <th scope="col">{t('caseCode')}</th>
                {observers.map((o) => (
                  <th scope="col" key={o.id}>
                    {o.username}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.code} <span class="help">{c.court}</span>
                  </th>
                  {observers.map((o) => (
                    <td key={o.id}>
                      <input type="checkbox" aria-label={`${c.code}: ${o.username}`} checked={c.observers.includes(o.id)} onChange={(e) => void toggle(c.id, o.id, e.currentTarget.checked)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
