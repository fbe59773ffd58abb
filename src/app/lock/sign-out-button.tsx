import { useState } from 'preact/hooks';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useStore } from '../base/store.ts';

/**
 * Signing out asks first (issue 10, discretion): it says how many changes have not been sent yet, and offers
 * to lock instead, which is what an observer about to hand over the phone usually wants.
 */
export function SignOutButton({ onLock }: { onLock: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const { pending } = useStore(session.sync.status);
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {t('signOut')}
      </button>
    );
  return (
    <div class="sign-out-ask" role="dialog" aria-label={t('signOut')}>
      <p>{pending > 0 ? t('signOutUnsent', { count: pending }) : t('signOutAsk')}</p>
      <button type="button" class="primary" onClick={onLock}>
        {t('signOutLockInstead')}
      </button>
      <button type="button" onClick={() => void session.signOut()}>
        {t('signOutConfirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}
