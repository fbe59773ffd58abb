import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import type { RegisterPerson } from '../../core/api/case-register.ts';
import { contract } from '../../core/api/contract.ts';
import { codeProblem, nameProblem, nameWords, NAME_MAX, PERSON_ROLES, standsAlone, type PersonRole, type RegisterProblem } from '../../core/export/redact-register.ts';
import { call } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useText, type CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';

interface Draft {
  readonly code: string;
  readonly role: PersonRole;
  readonly name: string;
}

const EMPTY: Draft = { code: '', role: 'defendant', name: '' };

/** The first thing wrong with a draft, in the coordinator's language (the server checks the same rules). */
function draftProblem(draft: Draft, t: CoordinatorText): string | undefined {
  const problem: RegisterProblem | undefined = codeProblem(draft.code.trim().toUpperCase()) ?? nameProblem(draft.name);
  return problem === undefined ? undefined : t(`registerProblem.${problem.kind}`);
}

/** The words of a name that are short or ordinary words: the coordinator should know they are not replaced alone. */
function Together({ name, t }: { name: string; t: CoordinatorText }) {
  const weak = nameWords(name).filter((w) => !standsAlone(w));
  if (weak.length === 0) return null;
  return (
    <span class="muted">
      {' '}
      ({t('registerTogether')} {weak.join(', ')})
    </span>
  );
}

/** One entry's fields: the same for adding and changing. */
function PersonFields({ draft, onDraft, t, idPrefix }: { draft: Draft; onDraft: (d: Draft) => void; t: CoordinatorText; idPrefix: string }) {
  return (
    <>
      <label for={`${idPrefix}-code`}>{t('personCode')}</label>
      <input id={`${idPrefix}-code`} value={draft.code} maxLength={16} size={6} autocomplete="off" onInput={(e) => onDraft({ ...draft, code: e.currentTarget.value })} />
      <label for={`${idPrefix}-role`}>{t('personRole')}</label>
      <select id={`${idPrefix}-role`} value={draft.role} onChange={(e) => onDraft({ ...draft, role: PERSON_ROLES.find((r) => r === e.currentTarget.value) ?? 'other' })}>
        {PERSON_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`personRole.${role}`)}
          </option>
        ))}
      </select>
      <label for={`${idPrefix}-name`}>{t('personName')}</label>
      <input id={`${idPrefix}-name`} value={draft.name} maxLength={NAME_MAX} autocomplete="off" onInput={(e) => onDraft({ ...draft, name: e.currentTarget.value })} />
    </>
  );
}

/**
 * The case's register of people: who each code (D1, W2...) stands for. Codes-only exports replace these
 * names in every free-text answer; the screen says what that cannot catch.
 */
export default function CaseRegister() {
  const t = useText();
  const i18n = useI18n();
  const { params } = useRoute();
  const caseId = params['id'] ?? '';
  const { data, error, reload } = useApi(contract.listCasePeople, { params: { id: caseId } });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<{ id: string; draft: Draft } | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);

  const send = async (request: () => Promise<unknown>, after: () => void): Promise<void> => {
    try {
      await request();
      setStatus(undefined);
      after();
      reload();
    } catch (failure) {
      setStatus(errorText(i18n, failure));
    }
  };
  const submit = (event: Event, d: Draft, request: (body: Draft) => Promise<unknown>, after: () => void): void => {
    event.preventDefault();
    const problem = draftProblem(d, t);
    if (problem !== undefined) {
      setStatus(problem);
      return;
    }
    void send(() => request({ code: d.code.trim().toUpperCase(), role: d.role, name: d.name.trim() }), after);
  };
  const remove = (person: RegisterPerson): void => {
    if (!window.confirm(t('personRemoveConfirm'))) return;
    void send(() => call(contract.removeCasePerson, { params: { id: caseId }, body: { personId: person.id } }), () => undefined);
  };

  return (
    <main class="page">
      <a href={`/coordinator/cases/${encodeURIComponent(caseId)}`}>← {t('caseCode')}</a>
      <h1>{t('register')}</h1>
      <p class="muted">{t('registerHelp')}</p>
      <p class="muted">{t('registerLimits')}</p>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data !== undefined && data.people.length === 0 && <p>{t('registerEmpty')}</p>}
      {data !== undefined && data.people.length > 0 && (
        <table class="register" data-testid="case-register">
          <thead>
            <tr>
              <th>{t('personCode')}</th>
              <th>{t('personRole')}</th>
              <th>{t('personName')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.people.map((person) =>
              editing?.id === person.id ? (
                <tr key={person.id}>
                  <td colSpan={4}>
                    <form class="register-entry" onSubmit={(e) => submit(e, editing.draft, (body) => call(contract.editCasePerson, { params: { id: caseId, personId: person.id }, body }), () => setEditing(undefined))}>
                      <PersonFields draft={editing.draft} onDraft={(d) => setEditing({ id: person.id, draft: d })} t={t} idPrefix={`edit-${person.id}`} />
                      <button type="submit">{t('personSave')}</button>
                      <button type="button" onClick={() => setEditing(undefined)}>
                        {t('personCancel')}
                      </button>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={person.id}>
                  <td>{person.code}</td>
                  <td>{t(`personRole.${person.role}`)}</td>
                  <td>
                    {person.name}
                    <Together name={person.name} t={t} />
                  </td>
                  <td>
                    <button type="button" onClick={() => setEditing({ id: person.id, draft: { code: person.code, role: person.role, name: person.name } })}>
                      {t('personEdit')}
                    </button>
                    <button type="button" onClick={() => remove(person)}>
                      {t('personRemove')}
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <form class="register-entry card" onSubmit={(e) => submit(e, draft, (body) => call(contract.addCasePerson, { params: { id: caseId }, body }), () => setDraft(EMPTY))}>
        <PersonFields draft={draft} onDraft={setDraft} t={t} idPrefix="new-person" />
        <button type="submit">{t('personAdd')}</button>
      </form>
      {status !== undefined && (
        <p class="error" role="status" data-testid="register-status">
          {status}
        </p>
      )}
    </main>
  );
}
