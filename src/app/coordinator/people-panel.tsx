import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { PendingInvitation, ProjectPerson } from '../../core/api/people.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { PendingInvitations } from './pending-invitations.tsx';
import { QrCode } from './qr-code.tsx';
import { useText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

interface Invitation {
  readonly username: string;
  readonly role: 'observer' | 'coordinator';
  readonly code: string;
  readonly expiresAt: string;
  readonly link: string;
}

/**
 * The project's coordinators and observers, who is invited, and inviting one: the server answers every name
 * alike with a one-time code to hand over, and the person joins when they accept it (no account is made or
 * attached before).
 */
export function PeoplePanel({
  projectId,
  people,
  invitations,
  onInvitationsChanged,
}: {
  projectId: string;
  people: readonly ProjectPerson[];
  invitations: readonly PendingInvitation[];
  onInvitationsChanged: () => void;
}) {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'observer' | 'coordinator'>('observer');
  const [invitation, setInvitation] = useState<Invitation | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setInvitation(undefined);
    setError(undefined);
    try {
      const issued = await call(contract.invitePerson, { params: { projectId }, body: { username, role, ...(displayName.trim() === '' ? {} : { displayName }) } });
      setInvitation({ username: issued.username, role: issued.role, code: issued.code, expiresAt: issued.expiresAt, link: new URL(issued.acceptPath, location.origin).href });
      setUsername('');
      setDisplayName('');
      onInvitationsChanged();
    } catch (failure) {
      setError(errorText(i18n, failure));
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
      <PendingInvitations projectId={projectId} invitations={invitations} onChanged={onInvitationsChanged} />
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
        {error !== undefined && (
          <p role="alert" class="error" data-testid="add-person-result">
            {error}
          </p>
        )}
        {invitation !== undefined && (
          <div class="enrolment-code" role="status" data-testid="add-person-result">
            <p>
              {t('invitationFor')} {invitation.username} ({t(invitation.role === 'observer' ? 'observerRole' : 'coordinatorRole')}):{' '}
              <strong data-testid="invitation-code">{invitation.code}</strong>
            </p>
            <p>
              {t('invitationValidUntil')} {new Date(invitation.expiresAt).toLocaleString(language)}. {t('invitationCodeHelp')}
            </p>
            <QrCode text={invitation.link} label={t('invitationQrLabel')} />
            <p class="help" data-testid="invitation-link">
              {invitation.link}
            </p>
          </div>
        )}
      </form>
    </section>
  );
}
