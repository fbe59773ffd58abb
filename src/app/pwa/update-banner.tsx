import { useI18n } from '../i18n/messages.ts';
import { useStore } from '../store.ts';
import { pwaState, updateNow } from './register.ts';

/** Says once that the app works offline, and asks before a new version takes over. */
export function UpdateBanner() {
  const { t } = useI18n();
  const state = useStore(pwaState);
  if (state.updateWaiting) {
    return (
      <div class="banner" role="status">
        <span>{t('updateReady')}</span>
        <button type="button" class="primary" onClick={() => void updateNow()}>
          {t('updateNow')}
        </button>
        <button type="button" onClick={() => pwaState.set({ ...state, updateWaiting: false })}>
          {t('later')}
        </button>
      </div>
    );
  }
  if (state.offlineReady) {
    return (
      <div class="banner" role="status" data-testid="offline-ready">
        <span>{t('offlineReady')}</span>
        <button type="button" onClick={() => pwaState.set({ ...state, offlineReady: false })}>
          OK
        </button>
      </div>
    );
  }
  return null;
}
