import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { PendingInvitation } from '../../core/api/people.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** Who is invited and has not accepted yet, and cancelling an invitation (a lost note, the wrong person): its code stops working. */
export function PendingInvitations({ projectId, invitations, onChanged }: { projectId: string; invitations: readonly PendingInvitation[]; onChanged: () => void }) {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const cancel = async (invitation: PendingInvitation): Promise<void> => {
    if (!confirm(t('confirmCancelInvitation'))) return;
    try {
      await call(contract.cancelInvitation, { params: { projectId, invitationId: invitation.id }, body: {} });
    } catch (failure) {
      alert(errorText(i18n, failure));
    }
    onChanged();
  };

  return (
    <section aria-labelledby="pending-invitations-title">
      <h3 id="pending-invitations-title">{t('pendingInvitations')}</h3>
      {invitations.length === 0 ? (
        <p>{t('noPendingInvitations')}</p>
      ) : (
        <table class="table" data-testid="pending-invitations">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('displayName')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('invitationExpires')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('cancelInvitation')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-invitation={i.id}>
                <td>{i.username}</td>
                <td>{i.displayName ?? ''}</td>
                <td>{t(i.role === 'observer' ? 'observerRole' : 'coordinatorRole')}</td>
                <td>{new Date(i.expiresAt).toLocaleString(language)}</td>
                <td>
                  <button type="button" onClick={() => void cancel(i)}>
                    {t('cancelInvitation')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
