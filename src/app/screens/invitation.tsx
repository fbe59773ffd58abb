import { useState } from 'preact/hooks';
import { refreshAccount, signIn, type Account } from '../base/account.ts';
import { contract } from '../../core/api/contract.ts';
import type { InvitationAccepted } from '../../core/api/auth.ts';
import { call } from '../base/api/call.ts';
import { ApiFailure } from '../base/api/client.ts';
import { useI18n, type Language, type Translate } from '../base/i18n/messages.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** The code from a link such as /invitation#code=abcd-efgh-jkmn (the coordinator's), if any. */
function codeFromLocation(): string {
  const match = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  return match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
}

const joined = (t: Translate, accepted: InvitationAccepted): string => t(accepted.role === 'coordinator' ? 'invitationJoinedCoordinator' : 'invitationJoinedObserver', { project: accepted.projectName });

const failureText = (i18n: { readonly t: Translate; readonly language: Language }, failure: unknown): string =>
  failure instanceof ApiFailure && failure.kind === 'offline' ? i18n.t('invitationOffline') : errorText(i18n, failure);

/**
 * Accepting an invitation to a project (a lazy chunk: few people ever open it). Signed out, a new person
 * chooses a password and the account is made then; signed in, an existing account accepts as itself.
 * Either way the server decides, and refuses a code meant for another account.
 */
export default function Invitation({ signedInAs, onSignedIn, onBack }: { signedInAs?: string; onSignedIn?: (account: Account) => void; onBack?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [code, setCode] = useState(codeFromLocation);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setResult(undefined);
    if (signedInAs === undefined && password !== again) {
      setResult({ ok: false, text: t('invitationPasswordsDiffer') });
      return;
    }
    setBusy(true);
    try {
      if (signedInAs === undefined) {
        const accepted = await call(contract.acceptNewInvitation, { body: { code, password } });
        // The code is spent; keep it out of the address bar and the history.
        history.replaceState(null, '', '/');
        const account = await signIn(accepted.username, password);
        onSignedIn?.(account);
      } else {
        const accepted = await call(contract.acceptInvitation, { body: { code } });
        history.replaceState(null, '', '/invitation');
        await refreshAccount();
        setResult({ ok: true, text: joined(t, accepted) });
      }
    } catch (failure) {
      setResult({ ok: false, text: failureText(i18n, failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page narrow">
      <form class="card" onSubmit={(e) => void submit(e)}>
        <h1>{t('invitationTitle')}</h1>
        <p>{t('invitationHelp')}</p>
        <label for="invitation-code">{t('invitationCode')}</label>
        <input id="invitation-code" autocomplete="one-time-code" autocapitalize="none" spellcheck={false} required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        {signedInAs === undefined ? (
          <>
            <p class="help">{t('invitationNewAccount')}</p>
            <label for="invitation-password">{t('invitationPassword')}</label>
            <input id="invitation-password" type="password" autocomplete="new-password" minLength={12} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            <label for="invitation-password-again">{t('invitationPasswordAgain')}</label>
            <input id="invitation-password-again" type="password" autocomplete="new-password" minLength={12} required value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
            <p class="help">{t('invitationExistingAccount')}</p>
          </>
        ) : (
          <p class="help">{t('invitationAcceptHelp', { username: signedInAs })}</p>
        )}
        {result !== undefined && (
          <p role={result.ok ? 'status' : 'alert'} class={result.ok ? '' : 'error'} data-testid="invitation-result">
            {result.text}
          </p>
        )}
        {result?.ok === true ? (
          // The app reads the account's projects when it starts: start it again to show the new one.
          <button class="primary" type="button" onClick={() => location.assign('/')}>
            {t('invitationContinue')}
          </button>
        ) : (
          <button class="primary" type="submit" disabled={busy}>
            {busy ? t('invitationAccepting') : t(signedInAs === undefined ? 'invitationCreate' : 'invitationAccept')}
          </button>
        )}
      </form>
      {onBack !== undefined && (
        <p>
          <button type="button" class="link" onClick={onBack}>
            {t('backToSignIn')}
          </button>
        </p>
      )}
    </main>
  );
}
