import { useI18n } from '../i18n/messages.ts';
import { useSession } from '../session.ts';
import { useStore } from '../store.ts';

/** Always tells the observer where their work stands: pending items, progress, last successful sync. */
export function SyncBar() {
  const { t, language } = useI18n();
  const { sync } = useSession();
  const status = useStore(sync.status);
  const last = status.lastSyncAt === undefined ? t('never') : new Date(status.lastSyncAt).toLocaleString(language);
  const phaseText =
    status.phase === 'syncing'
      ? t('syncing')
      : status.phase === 'offline'
        ? t('syncOffline')
        : status.phase === 'signed-out'
          ? t('syncSignedOut')
          : status.phase === 'revoked'
            ? t('deviceRevoked')
          : status.phase === 'error'
            ? `${t('syncError')} ${status.message ?? ''}`
            : undefined;
  return (
    <section class={`sync-bar ${status.phase}`} aria-live="polite" data-testid="sync-bar" data-phase={status.phase} data-pending={status.pending}>
      <div>
        <span data-testid="last-sync">
          {t('lastSync')} {last}
        </span>
        {status.pending > 0 && (
          <span>
            {' · '}
            {t('pendingItems')} {status.pending}
          </span>
        )}
      </div>
      {phaseText !== undefined && <div class="sync-phase">{phaseText}</div>}
      {status.progress !== undefined && status.progress.total > 1 && (
        <label class="progress">
          {t('sendingProgress')} {status.progress.sent}/{status.progress.total}
          <progress max={status.progress.total} value={status.progress.sent} />
        </label>
      )}
      <button type="button" onClick={() => void sync.now()} disabled={status.phase === 'syncing'}>
        {t('syncNow')}
      </button>
    </section>
  );
}
