import { formatDateTime, formatTime } from '../base/i18n/dates.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n, type Translate } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useStore } from '../base/store.ts';
import type { SyncStatus } from '../sync/scheduler.ts';
import { useIdle } from './use-idle.ts';

/** Always tells the observer where their work stands: pending items, progress, last successful sync. */
export function SyncBar() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { sync } = useSession();
  const status = useStore(sync.status);
  // Written once the first screen has painted: the page's first date formatting is slow (see useIdle).
  const idle = useIdle();
  const last = status.lastSyncAt === undefined ? t('never') : idle ? formatDateTime(status.lastSyncAt, language) : '…';
  const phase = phaseText(status, t, errorText(i18n, status.failure));
  const retry = status.nextRetryAt === undefined || !idle ? undefined : formatTime(status.nextRetryAt, language);
  // The bar never changes size: the status line has a slot of its own, kept empty when idle, so that
  // "Offline", "Syncing..." and the retry time come and go without moving the form below (each change
  // was a layout shift of about 0.3, repeated on every offline retry).
  return (
    <section class={`sync-bar ${status.phase}`} aria-live="polite" data-testid="sync-bar" data-phase={status.phase} data-pending={status.pending}>
      <div class="sync-line">
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
      {/* A square button named by its label: a worded one ("Синхронизировать") left the last sync no room at 360 px. */}
      <button type="button" class="sync-now" aria-label={t('syncNow')} title={t('syncNow')} onClick={() => void sync.now()} disabled={status.phase === 'syncing'}>
        <span aria-hidden="true">⟳</span>
      </button>
      <div class="sync-status">
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
      </div>
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
