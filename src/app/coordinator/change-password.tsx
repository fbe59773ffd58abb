import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { MIN_PASSWORD_LENGTH, type PasswordChangeRequest } from '../../core/password-change.ts';
import { call } from '../base/api/call.ts';
import { ApiFailure } from '../base/api/client.ts';
import { useSession } from '../session.ts';
import { useText, type CoordinatorText } from './text.ts';
import './coordinator.css';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

/** The refusals this screen can explain in the reader's language; anything else shows the server's words. */
const REFUSALS: Readonly<Record<string, Parameters<CoordinatorText>[0]>> = {
  wrong_password: 'password.wrongCurrent',
  same_password: 'password.same',
  session_required: 'password.sessionRequired',
  rate_limited: 'password.tooManyTries',
};

/** A coordinator chooses a new password: the current one first; every other session of theirs is ended. */
export default function ChangePassword() {
  const t = useText();
  const i18n = useI18n();
  const { account } = useSession();
  const [current, setCurrent] = useState('');
  const [chosen, setChosen] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setDone(undefined);
    // Checked here first, so a short password never makes a round trip.
    if (chosen.length < MIN_PASSWORD_LENGTH) return setError(t('password.tooShort'));
    if (chosen !== repeated) return setError(t('password.mismatch'));
    setError(undefined);
    setBusy(true);
    try {
      const body: PasswordChangeRequest = { currentPassword: current, newPassword: chosen };
      const answer = await call(contract.changePassword, { body });
      setCurrent('');
      setChosen('');
      setRepeated('');
      setDone(answer.sessionsEnded);
    } catch (failure) {
      const known = failure instanceof ApiFailure ? REFUSALS[failure.code] : undefined;
      setError(known !== undefined ? t(known) : errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page">
      <h1>{t('password.title')}</h1>
      <form onSubmit={(e) => void submit(e)} data-testid="change-password">
        {/* The username lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={account.user.username} />
        <label for="current-password">{t('password.current')}</label>
        <input id="current-password" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        <label for="new-password">{t('password.new')}</label>
        <input id="new-password" type="password" autocomplete="new-password" required aria-describedby="new-password-help" value={chosen} onInput={(e) => setChosen(e.currentTarget.value)} />
        <p class="help" id="new-password-help">
          {t('password.help')}
        </p>
        <label for="repeat-password">{t('password.repeat')}</label>
        <input id="repeat-password" type="password" autocomplete="new-password" required value={repeated} onInput={(e) => setRepeated(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          {t('password.submit')}
        </button>
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {done !== undefined && (
          <p role="status" data-testid="password-changed">
            {t('password.changed')} {done}.
          </p>
        )}
      </form>
    </main>
  );
}
