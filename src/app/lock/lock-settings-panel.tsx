import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { rewrapDataKey, WrongPassphrase } from './crypto.ts';
import { HIDDEN_CHOICES, IDLE_CHOICES, WIPE_CHOICES, type LockSettings } from './lock-settings.ts';
import { loadLockSettings, loadWrappedKey, saveLockSettings, saveWrappedKey } from './lock-store.ts';
import { checkPassphrase } from './passphrase-rules.ts';
import { confirmPassphrase } from './unlock.ts';
import { lockSettingsStore } from './use-auto-lock.ts';

/**
 * The lock's settings in the settings screen. Every change asks for the current passphrase again (Tella's
 * audits): someone who picks up an unlocked phone cannot turn the lock off or stretch it.
 */
export function LockSettingsPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const [settings, setSettings] = useState<LockSettings | undefined>(undefined);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadLockSettings().then(setSettings);
  }, []);
  if (settings === undefined) return null;

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      if (next !== '') {
        const check = checkPassphrase(next, next);
        if (!check.ok) return setMessage({ text: t(`passphraseProblem.${check.problem}`), error: true });
        const stored = await loadWrappedKey();
        if (stored === undefined) return setMessage({ text: t('lockWrongCurrent'), error: true });
        await saveWrappedKey(await rewrapDataKey(stored, current, next));
      } else if (!(await confirmPassphrase(current))) {
        return setMessage({ text: t('lockWrongCurrent'), error: true });
      }
      await saveLockSettings(settings);
      lockSettingsStore.set(settings);
      setCurrent('');
      setNext('');
      setMessage({ text: t('lockSaved'), error: false });
    } catch (error) {
      setMessage({ text: error instanceof WrongPassphrase ? t('lockWrongCurrent') : errorText(i18n, error), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="lock-settings">
      <h2 id="lock-settings">{t('lockSettings')}</h2>
      <form onSubmit={(e) => void save(e)}>
        <label for="lock-idle">{t('lockIdle')}</label>
        <select id="lock-idle" value={settings.idleMinutes} onChange={(e) => setSettings({ ...settings, idleMinutes: Number(e.currentTarget.value) })}>
          {IDLE_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <label for="lock-hidden">{t('lockHidden')}</label>
        <select id="lock-hidden" value={settings.hiddenSeconds} onChange={(e) => setSettings({ ...settings, hiddenSeconds: Number(e.currentTarget.value) })}>
          {HIDDEN_CHOICES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label for="lock-wipe-after">{t('lockWipeAfter')}</label>
        <select
          id="lock-wipe-after"
          value={settings.wipeAfter}
          onChange={(e) => setSettings({ ...settings, wipeAfter: WIPE_CHOICES.find((n) => n === Number(e.currentTarget.value)) ?? 0 })}
        >
          {WIPE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('lockWipeNever') : n}
            </option>
          ))}
        </select>
        <label for="lock-new">{t('lockChangePassphrase')}</label>
        <input id="lock-new" type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        <label for="lock-current">{t('lockCurrentPassphrase')}</label>
        <input id="lock-current" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        {message !== undefined && (
          <p class={message.error ? 'error' : undefined} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('lockSave')}
        </button>
      </form>
    </section>
  );
}
