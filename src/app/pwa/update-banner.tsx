import { useI18n } from '../base/i18n/messages.ts';
import { useStore } from '../base/store.ts';
import { dismissOfflineReady, dismissUpdate, pwaState, updateNow } from './register.ts';
import { unsavedWork } from './unsaved.ts';

/** Says once that the app works offline, and asks before a new version takes over. */
export function UpdateBanner() {
  const { t } = useI18n();
  const state = useStore(pwaState);
  const unsaved = useStore(unsavedWork);
  if (state.updateWaiting) {
    const blocked = unsaved.size > 0;
    return (
      <div class="banner" role="status" data-testid="update-banner">
        <span>{state.updateAccepted && blocked ? t('updateWaitsForSave') : t('updateReady')}</span>
        {!state.updateAccepted && (
          <button type="button" class="primary" onClick={() => void updateNow()}>
            {t('updateNow')}
          </button>
        )}
        <button type="button" onClick={dismissUpdate}>
          {t('later')}
        </button>
      </div>
    );
  }
  if (state.offlineReady) {
    return (
      <div class="banner" role="status" data-testid="offline-ready">
        <span>{t('offlineReady')}</span>
        <button type="button" onClick={dismissOfflineReady}>
          {t('ok')}
        </button>
      </div>
    );
  }
  return null;
}
