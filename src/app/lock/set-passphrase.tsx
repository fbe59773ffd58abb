import { appName } from '../base/app-name.ts';
import { useState } from 'preact/hooks';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { createDataKey } from './crypto.ts';
import { saveWrappedKey } from './lock-store.ts';
import { checkPassphrase } from './passphrase-rules.ts';

/**
 * Right after the first sign-in or enrolment: the observer chooses the passphrase that locks the app. Says
 * plainly that a forgotten passphrase cannot be recovered, and that what was already sent is safe on the server.
 */
export function SetPassphrase({ onReady }: { onReady: (key: CryptoKey) => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const isPin = /^\d+$/.test(passphrase);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const check = checkPassphrase(passphrase, confirmation);
    if (!check.ok) return setProblem(t(`passphraseProblem.${check.problem}`));
    setProblem(undefined);
    setBusy(true);
    try {
      const { stored, key } = await createDataKey(passphrase);
      await saveWrappedKey(stored);
      await onReady(key);
    } catch (error) {
      setProblem(errorText(i18n, error));
      setBusy(false);
    }
  };

  return (
    <main class="page narrow">
      <h1>{appName(t('appName'))}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <h2>{t('passphraseTitle')}</h2>
        <p>{t('passphraseHelp')}</p>
        <label for="new-passphrase">{t('passphraseLabel')}</label>
        <input id="new-passphrase" type="password" autocomplete="new-password" autocapitalize="none" required value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        <label for="confirm-passphrase">{t('passphraseConfirm')}</label>
        <input id="confirm-passphrase" type="password" autocomplete="new-password" autocapitalize="none" required value={confirmation} onInput={(e) => setConfirmation(e.currentTarget.value)} />
        {isPin && <p class="notice alert">{t('passphrasePinWarning')}</p>}
        <p>
          <strong>{t('passphraseNoRecovery')}</strong>
        </p>
        {problem !== undefined && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('passphraseSaving') : t('passphraseSave')}
        </button>
      </form>
    </main>
  );
}
