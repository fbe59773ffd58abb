import { appName } from '../base/app-name.ts';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../base/i18n/messages.ts';
import { QuickWipe } from './quick-wipe.tsx';
import { tryUnlock } from './unlock.ts';
import { wipeDevice } from './wipe.ts';

/**
 * What a locked app shows, and nothing else: the app's name, the passphrase field and the wipe. No case code,
 * count or name, so a person holding the phone learns only that the app is there.
 */
export function LockScreen({ onUnlocked }: { onUnlocked: (key: CryptoKey) => void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [waitUntil, now]);

  const wipe = async (): Promise<void> => {
    await wipeDevice();
    location.replace('/');
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await tryUnlock(passphrase);
      setPassphrase('');
      if (result.kind === 'unlocked') return onUnlocked(result.key);
      if (result.kind === 'wiped') return location.replace('/');
      setMessage(result.kind === 'wrong' ? t('unlockWrong') : undefined);
      setWaitUntil(result.nextTryAt);
      setNow(Date.now());
    } finally {
      setBusy(false);
    }
  };

  const waitSeconds = Math.ceil((waitUntil - now) / 1000);
  return (
    <main class="page narrow lock-screen">
      <h1>{appName(t('appName'))}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <label for="passphrase">{t('unlockLabel')}</label>
        <input id="passphrase" name="passphrase" type="password" autocomplete="current-password" autocapitalize="none" required value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        {message !== undefined && (
          <p class="error" role="alert">
            {message}
          </p>
        )}
        {waitSeconds > 0 && <p role="status">{t('unlockWait', { seconds: waitSeconds })}</p>}
        <button class="primary" type="submit" disabled={busy || waitSeconds > 0}>
          {busy ? t('unlocking') : t('unlock')}
        </button>
      </form>
      <p class="lock-forgotten">{t('unlockForgotten')}</p>
      <QuickWipe onWipe={wipe} />
    </main>
  );
}
