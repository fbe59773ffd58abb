import { formatDateTime, formatTime } from '../i18n/dates.ts';
import { errorText } from '../i18n/error-text.ts';
import { useI18n, type Translate } from '../i18n/messages.ts';
import { useSession } from '../session.ts';
import { useStore } from '../store.ts';
import type { SyncStatus } from '../sync/scheduler.ts';

/** Always tells the observer where their work stands: pending items, progress, last successful sync. */
export function SyncBar() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { sync } = useSession();
  const status = useStore(sync.status);
  const last = status.lastSyncAt === undefined ? t('never') : formatDateTime(status.lastSyncAt, language);
  const phase = phaseText(status, t, errorText(i18n, status.failure));
  const retry = status.nextRetryAt === undefined ? undefined : formatTime(status.nextRetryAt, language);
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
      {phase !== undefined && (
        <div class="sync-phase" data-testid="sync-phase">
          {phase}
          {retry !== undefined && ` ${t('nextTry', { time: retry })}`}
        </div>
      )}
      {status.progress !== undefined && status.progress.total > 1 && (
        <label class="progress" data-testid="sync-progress">
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

/** Network trouble, a server in trouble and a refusal need different words: only a refusal quotes the server. */
function phaseText(status: SyncStatus, t: Translate, failure: string): string | undefined {
  switch (status.phase) {
    case 'idle':
      return undefined;
    case 'syncing':
      return t('syncing');
    case 'other-tab':
      return t('syncOtherTab');
    case 'offline':
      return t('syncOffline');
    case 'server-error':
      return t('syncServerError');
    case 'unexpected':
      return t('syncUnexpected');
    case 'refused':
      return `${t('syncRefused')} ${failure}`;
    case 'signed-out':
      return t('syncSignedOut');
    case 'revoked':
      return t('deviceRevoked');
    case 'error':
      return `${t('syncError')} ${failure}`;
  }
}
