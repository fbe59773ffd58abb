import { appName } from '../base/app-name.ts';
import { useState } from 'preact/hooks';
import { signIn, type Account } from '../base/account.ts';
import { ApiFailure } from '../base/api/client.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { errorText } from '../base/i18n/error-text.ts';

export function SignIn({ onSignedIn, onEnrol, onInvitation }: { onSignedIn: (account: Account) => void; onEnrol: () => void; onInvitation: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(username, password));
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.kind === 'offline' ? t('signInOffline') : errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page narrow">
      <h1>{appName(t('appName'))}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <h2>{t('signInTitle')}</h2>
        <label for="username">{t('username')}</label>
        <input id="username" name="username" autocomplete="username" autocapitalize="none" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="password">{t('password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <p>
        <button type="button" class="link" onClick={onEnrol}>
          {t('enrolLink')}
        </button>
      </p>
      <p>
        <button type="button" class="link" onClick={onInvitation}>
          {t('invitationLink')}
        </button>
      </p>
    </main>
  );
}
