import { useState } from 'preact/hooks';
import { saveFile } from '../base/save-file.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { whenAllSaved } from '../pwa/unsaved.ts';
import { useStore } from '../base/store.ts';
import { keptAnswers } from './kept-answers.ts';
import { declinePersistence, iosBrowserTab, persistenceOffer, requestPersistence } from './persistence.ts';
import { databaseOutdated } from './version-change.ts';

/**
 * What the observer must know about this device's storage, above every screen: a full disk (with the
 * answers that could not be stored, to download), the offer to keep data permanently, the iOS advice,
 * and a newer version open in another tab.
 */
export function StorageNotices() {
  const { t } = useI18n();
  const kept = useStore(keptAnswers);
  const offer = useStore(persistenceOffer);
  const outdated = useStore(databaseOutdated);
  const [iosDismissed, setIosDismissed] = useState(false);
  return (
    <>
      {kept.length > 0 && (
        <div class="notice alert" role="alert" data-testid="storage-full">
          <p>
            <strong>{t('storageFull')}</strong>
          </p>
          <p>{t('storageFullHelp')}</p>
          <button type="button" class="primary" onClick={() => saveFile(new Blob([JSON.stringify({ keptAnswers: kept }, null, 2)], { type: 'application/json' }), `trial-monitor-unsaved-answers-${kept[0]?.keptAt.slice(0, 10) ?? ''}.json`)}>
            {t('downloadUnsaved')}
          </button>
        </div>
      )}
      {outdated && (
        <div class="notice alert" role="alert">
          <p>{t('databaseOutdated')}</p>
          <button type="button" class="primary" onClick={() => void whenAllSaved().then(() => window.location.reload())}>
            {t('reload')}
          </button>
        </div>
      )}
      {offer && (
        <div class="notice" role="status" data-testid="persist-offer">
          <p>{t('persistExplain')}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void requestPersistence()}>
              {t('persistAllow')}
            </button>
            <button type="button" onClick={() => void declinePersistence()}>
              {t('later')}
            </button>
          </div>
        </div>
      )}
      {iosBrowserTab() && !iosDismissed && (
        <div class="notice" role="status">
          <p>{t('iosWarning')}</p>
          <button type="button" onClick={() => setIosDismissed(true)}>
            {t('ok')}
          </button>
        </div>
      )}
    </>
  );
}
