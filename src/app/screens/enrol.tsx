import { appName } from '../base/app-name.ts';
import { useState } from 'preact/hooks';
import { enrol, type Account } from '../base/account.ts';
import { ApiFailure } from '../base/api/client.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** The code from a link such as /enrol#code=abcd-efgh-jkmn (the QR code's), if any. */
function codeFromLocation(): string {
  const match = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  return match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
}

/** "Enrol this device with a code": redeems a one-time code for this device's id and token. */
export function Enrol({ onEnrolled, onSignIn }: { onEnrolled: (account: Account) => void; onSignIn: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [code, setCode] = useState(codeFromLocation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const account = await enrol(code);
      // The code is spent; keep it out of the address bar and the history.
      history.replaceState(null, '', '/');
      onEnrolled(account);
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.kind === 'offline' ? t('enrolOffline') : errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page narrow">
      <h1>{appName(t('appName'))}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <h2>{t('enrolTitle')}</h2>
        <p>{t('enrolHelp')}</p>
        <label for="enrol-code">{t('enrolCode')}</label>
        <input id="enrol-code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck={false} required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('enrolling') : t('enrol')}
        </button>
      </form>
      <p>
        <button type="button" class="link" onClick={onSignIn}>
          {t('backToSignIn')}
        </button>
      </p>
    </main>
  );
}
