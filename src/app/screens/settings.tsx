import { useEffect, useState } from 'preact/hooks';
import { backupFileName, exportBackup } from '../backup/export-backup.ts';
import { backupErrorText } from '../backup/backup-error-text.ts';
import { importBackup, parseBackup, type ImportSummary } from '../backup/import-backup.ts';
import { isSealedBackup, openBackupText, sealBackupText } from '../backup/sealed-file.ts';
import { checkPassphrase } from '../lock/passphrase-rules.ts';
import { saveFile } from '../base/save-file.ts';
import { LockSettingsPanel } from '../lock/lock-settings-panel.tsx';
import { LANGUAGE_NAMES, useI18n, type Language } from '../base/i18n/messages.ts';
import { disableOfflineCache, enableOfflineCache, offlineCacheEnabled } from '../pwa/offline-cache.ts';
import { useSession } from '../session.ts';
import { iosBrowserTab, requestPersistence, storageFigures, type StorageFigures } from '../storage/persistence.ts';
import { useStore } from '../base/store.ts';
import { chooseTheme, THEMES, themeStore } from '../base/theme.ts';

/** The observer's settings: language, theme, storage, backup, the offline copy and the app's version. */
export function Settings() {
  const { t } = useI18n();
  return (
    <main class="page settings">
      <h1>{t('settings')}</h1>
      <LanguageChoice />
      <ThemeChoice />
      <LockSettingsPanel />
      <StorageSection />
      <BackupSection />
      <OfflineCacheSection />
      <section aria-labelledby="about">
        <h2 id="about">{t('appVersion')}</h2>
        <p data-testid="app-version">{__APP_VERSION__}</p>
      </section>
      <p>
        <a href="/">{t('back')}</a>
      </p>
    </main>
  );
}

function LanguageChoice() {
  const { t, language, setLanguage } = useI18n();
  return (
    <section>
      <fieldset class="choices-row">
        <legend>{t('language')}</legend>
        {(Object.keys(LANGUAGE_NAMES) as Language[]).map((code) => (
          <label class="option" key={code} lang={code}>
            <input type="radio" name="language" value={code} checked={language === code} onChange={() => setLanguage(code)} />
            {LANGUAGE_NAMES[code]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function ThemeChoice() {
  const { t } = useI18n();
  const theme = useStore(themeStore);
  return (
    <section>
      <fieldset class="choices-row">
        <legend>{t('theme')}</legend>
        {THEMES.map((choice) => (
          <label class="option" key={choice}>
            <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => chooseTheme(choice)} />
            {t(`theme.${choice}`)}
          </label>
        ))}
      </fieldset>
      <p class="help">{t('themeHelp')}</p>
    </section>
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0);
}

function StorageSection() {
  const { t } = useI18n();
  const [figures, setFigures] = useState<StorageFigures | null | undefined>(undefined);
  const refresh = (): void => void storageFigures().then((f) => setFigures(f ?? null));
  useEffect(refresh, []);
  return (
    <section aria-labelledby="storage">
      <h2 id="storage">{t('storage')}</h2>
      {figures === undefined ? (
        <p>{t('loading')}</p>
      ) : figures === null ? (
        <p>{t('storageUnknown')}</p>
      ) : (
        <>
          <p data-testid="storage-use">{t('storageUse', { used: megabytes(figures.usage), quota: megabytes(figures.quota) })}</p>
          <p>{figures.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>
          {!figures.persisted && (
            <button type="button" onClick={() => void requestPersistence().then(refresh)}>
              {t('persistAllow')}
            </button>
          )}
        </>
      )}
      {iosBrowserTab() && <p class="error">{t('iosWarning')}</p>}
    </section>
  );
}

type Progress = { readonly kind: 'idle' } | { readonly kind: 'working'; readonly text: string } | { readonly kind: 'done'; readonly text: string } | { readonly kind: 'error'; readonly text: string };

function BackupSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const { db, account } = useSession();
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  // The backup file is encrypted with this passphrase (backup/sealed-file.ts); restoring asks for it again.
  const [passphrase, setPassphrase] = useState('');

  const exportAll = async (): Promise<void> => {
    const check = checkPassphrase(passphrase, passphrase);
    if (!check.ok) return setProgress({ kind: 'error', text: t('backupPassphraseNeeded') });
    setProgress({ kind: 'working', text: t('backupExporting') });
    try {
      const backup = await exportBackup(db, account.user.id);
      saveFile(new Blob([await sealBackupText(JSON.stringify(backup), passphrase)], { type: 'application/json' }), backupFileName());
      setProgress({ kind: 'done', text: t('backupExported', { reports: backup.reports.length, cases: backup.cases.length }) });
    } catch (error) {
      setProgress({ kind: 'error', text: backupErrorText(i18n, 'export', error) });
    }
  };

  const importFile = async (file: File): Promise<void> => {
    setProgress({ kind: 'working', text: t('backupImporting') });
    try {
      const text = await file.text();
      const plain = isSealedBackup(text) ? await openBackupText(text, passphrase) : text;
      const summary: ImportSummary = await importBackup(db, parseBackup(plain, account.user.id));
      setProgress({ kind: 'done', text: t('backupImported', { added: summary.added, updated: summary.updated, kept: summary.keptLocal, queued: summary.queued }) });
    } catch (error) {
      setProgress({ kind: 'error', text: backupErrorText(i18n, 'import', error) });
    }
  };

  return (
    <section aria-labelledby="backup">
      <h2 id="backup">{t('backup')}</h2>
      <p class="help">{t('backupHelp')}</p>
      <label for="backup-passphrase">{t('backupPassphrase')}</label>
      <input id="backup-passphrase" type="password" autocomplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      <p class="help">{t('backupPassphraseHelp')}</p>
      <div class="actions">
        <button type="button" class="primary" disabled={progress.kind === 'working'} onClick={() => void exportAll()}>
          {t('backupExport')}
        </button>
      </div>
      <label for="backup-file">{t('backupImport')}</label>
      <input
        id="backup-file"
        class="file-input"
        type="file"
        accept="application/json,.json"
        disabled={progress.kind === 'working'}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file !== undefined) void importFile(file);
        }}
      />
      <p class="help">{t('backupImportHelp')}</p>
      {progress.kind !== 'idle' && (
        <p class={progress.kind === 'error' ? 'error' : ''} role={progress.kind === 'error' ? 'alert' : 'status'} data-testid="backup-result">
          {progress.text}
        </p>
      )}
    </section>
  );
}

function OfflineCacheSection() {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => void offlineCacheEnabled().then(setEnabled), []);
  const toggle = async (on: boolean): Promise<void> => {
    setBusy(true);
    await (on ? enableOfflineCache() : disableOfflineCache());
    setEnabled(on);
    setBusy(false);
  };
  return (
    <section aria-labelledby="offline-copy">
      <h2 id="offline-copy">{t('offlineCopy')}</h2>
      <label class="switch">
        <input type="checkbox" checked={enabled === true} disabled={enabled === undefined || busy} onChange={(event) => void toggle(event.currentTarget.checked)} />
        {t('offlineCopySwitch')}
      </label>
      <p class="help">{enabled === false ? t('offlineCopyOff') : t('offlineCopyHelp')}</p>
    </section>
  );
}
