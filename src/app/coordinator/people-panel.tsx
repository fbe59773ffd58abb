import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { ProjectPerson } from './people-types.ts';
import { useText } from './text.ts';

/** The project's coordinators and observers, and adding one (a new account, or a role for an existing one). */
export function PeoplePanel({ projectId, people, onChanged }: { projectId: string; people: readonly ProjectPerson[]; onChanged: () => void }) {
  const t = useText();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'observer' | 'coordinator'>('observer');
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setResult(undefined);
    try {
      const added = await api<{ username: string; password?: string }>(`/api/projects/${projectId}/people`, {
        method: 'POST',
        body: { username, role, ...(displayName.trim() === '' ? {} : { displayName }) },
      });
      setResult({ ok: true, text: added.password === undefined ? `${added.username}: ${t(role === 'observer' ? 'observerRole' : 'coordinatorRole')}` : `${added.username}. ${t('passwordOnce')} ${added.password}` });
      setUsername('');
      setDisplayName('');
      onChanged();
    } catch (failure) {
      setResult({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <section class="card" aria-labelledby="people-title">
      <h2 id="people-title">{t('people')}</h2>
      <table class="table" data-testid="people">
        <thead>
          <tr>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('displayName')}</th>
            <th scope="col">{t('role')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.username}</td>
              <td>{p.displayName}</td>
              <td>
                {t(p.role === 'observer' ? 'observerRole' : 'coordinatorRole')}
                {p.disabled ? ` (${t('disabled')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void add(e)}>
        <h3>{t('addPerson')}</h3>
        <p class="help">{t('addPersonHelp')}</p>
        <label for="new-username">{t('username')}</label>
        <input id="new-username" required autocapitalize="none" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="new-name">{t('displayName')}</label>
        <input id="new-name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        <label for="new-role">{t('role')}</label>
        <select id="new-role" value={role} onChange={(e) => setRole(e.currentTarget.value === 'coordinator' ? 'coordinator' : 'observer')}>
          <option value="observer">{t('observerRole')}</option>
          <option value="coordinator">{t('coordinatorRole')}</option>
        </select>
        <button type="submit">{t('add')}</button>
        {result !== undefined && (
          <p role={result.ok ? 'status' : 'alert'} class={result.ok ? '' : 'error'} data-testid="add-person-result">
            {result.text}
          </p>
        )}
      </form>
    </section>
  );
}
