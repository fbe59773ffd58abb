import { useState } from 'preact/hooks';
import { PERSON_ROLES, type PersonRole } from '../../core/export/redact-register.ts';
import { addRegisterEntry, listRegister, RegisterInputError, removeRegisterEntry } from '../db/register.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../base/use-live.ts';

/**
 * The observer's own register of a case's people, on this device only: who the codes stand for. The
 * report screen warns under a free-text answer that names one of them (form/name-warning.tsx).
 */
export function CaseRegisterPanel({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { db } = useSession();
  const entries = useLive(() => listRegister(db, caseId), [db, caseId]);
  const [code, setCode] = useState('');
  const [role, setRole] = useState<PersonRole>('defendant');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      await addRegisterEntry(db, caseId, { code, role, name });
      setCode('');
      setName('');
      setProblem(undefined);
    } catch (error) {
      if (!(error instanceof RegisterInputError)) throw error;
      setProblem(t(`registerProblem.${error.problem.kind}`));
    }
  };

  return (
    <details class="card register" data-testid="my-register">
      <summary>
        {t('myRegister')} ({entries?.length ?? 0})
      </summary>
      <p class="help">{t('myRegisterHelp')}</p>
      {entries !== undefined && entries.length === 0 && <p class="empty">{t('myRegisterEmpty')}</p>}
      <ul>
        {entries?.map((e) => (
          <li key={e.id}>
            <strong>{e.code}</strong> {t(`registerRole.${e.role}`)}: {e.name}{' '}
            <button type="button" onClick={() => void removeRegisterEntry(db, e.id)}>
              {t('registerRemove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={(e) => void add(e)}>
        <label for="register-code">{t('registerCode')}</label>
        <input id="register-code" value={code} size={5} maxLength={16} autocomplete="off" onInput={(e) => setCode(e.currentTarget.value)} />
        <label for="register-role">{t('registerRole')}</label>
        <select id="register-role" value={role} onChange={(e) => setRole(PERSON_ROLES.find((r) => r === e.currentTarget.value) ?? 'other')}>
          {PERSON_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`registerRole.${r}`)}
            </option>
          ))}
        </select>
        <label for="register-name">{t('registerName')}</label>
        <input id="register-name" value={name} maxLength={200} autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit">{t('registerAdd')}</button>
      </form>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </details>
  );
}
