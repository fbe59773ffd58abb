import { set } from 'idb-keyval';
import { ErrorBoundary, lazy } from 'preact-iso';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Account } from './base/account.ts';
import { I18n, loadLanguage, translator, type Language } from './base/i18n/messages.ts';
import { UpdateBanner } from './pwa/update-banner.tsx';
import { StorageNotices } from './storage/storage-notices.tsx';
import { Enrol } from './screens/enrol.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { lockGate, startGate, unlockGate, type Gate } from './lock/gate.ts';
import { LockScreen } from './lock/lock-screen.tsx';
import { keepFieldsOutOfBrowserMemory } from './lock/no-form-memory.ts';
import { whenAllSaved } from './pwa/unsaved.ts';

keepFieldsOutOfBrowserMemory();
// Choosing the passphrase happens once per device: a chunk of its own.
const SetPassphrase = lazy(() => import('./lock/set-passphrase-step.tsx'));
// Accepting an invitation happens once per person and project: a chunk of its own.
const Invitation = lazy(() => import('./screens/invitation.tsx'));
// The signed-in app (the device database, the case list and every screen after it) is a chunk of its own:
// the first screen of a device in use is the lock screen, and of a new one the sign-in, and neither reads
// the database. It is fetched as soon as the first screen is up (prefetchSignedIn), so unlocking does not
// wait for it and it is there offline before the service worker has cached it.
const loadSignedIn = () => import('./signed-in.tsx');
const SignedIn = lazy(() => loadSignedIn().then((m) => m.SignedIn));
function prefetchSignedIn(): () => void {
  const timer = setTimeout(() => void loadSignedIn(), 0);
  return () => clearTimeout(timer);
}

/** initialLanguage: the stored choice, its messages already loaded (main.tsx). */
export function App({ initialLanguage }: { initialLanguage: Language }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  // The lock decides what may show (lock/gate.ts): nothing of the observer's work before the passphrase.
  const [gate, setGate] = useState<Gate>({ phase: 'loading' });

  useEffect(() => {
    void startGate().then(setGate);
  }, []);
  useEffect(prefetchSignedIn, []);
  const lock = useCallback(() => void whenAllSaved().then(() => setGate(lockGate())), []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const i18n = useMemo(
    () => ({
      language,
      t: translator(language),
      setLanguage: (next: Language): void => {
        void loadLanguage(next).then(() => {
          setLanguage(next);
          void set('language', next);
        });
      },
    }),
    [language],
  );

  return (
    <I18n.Provider value={i18n}>
      <UpdateBanner />
      <StorageNotices />
      {gate.phase === 'loading' ? null : gate.phase === 'locked' ? (
        <LockScreen onUnlocked={(key) => void unlockGate(key).then(setGate)} />
      ) : gate.phase === 'setup' ? (
        <ErrorBoundary>
          <SetPassphrase account={gate.account} onReady={setGate} />
        </ErrorBoundary>
      ) : gate.phase === 'signed-out' ? (
        <SignedOut onSignedIn={(account) => setGate(gate.key === undefined ? { phase: 'setup', account } : { phase: 'open', key: gate.key, account })} />
      ) : (
        <ErrorBoundary>
          <SignedIn account={gate.account} dataKey={gate.key} onLock={lock} onSignedOut={() => setGate({ phase: 'signed-out', key: gate.key })} />
        </ErrorBoundary>
      )}
    </I18n.Provider>
  );
}

type SignedOutScreen = '/' | '/enrol' | '/invitation';

/** Sign-in, enrolment with a code (at /enrol, where the QR code's link leads), or accepting an invitation (/invitation). */
function SignedOut({ onSignedIn }: { onSignedIn: (account: Account) => void }) {
  const [screen, setScreen] = useState<SignedOutScreen>(() => (location.pathname === '/enrol' || location.pathname === '/invitation' ? location.pathname : '/'));
  const show = (next: SignedOutScreen): void => {
    history.pushState(null, '', next);
    setScreen(next);
  };
  if (screen === '/enrol') return <Enrol onEnrolled={onSignedIn} onSignIn={() => show('/')} />;
  if (screen === '/invitation') {
    return (
      <ErrorBoundary>
        <Invitation onSignedIn={onSignedIn} onBack={() => show('/')} />
      </ErrorBoundary>
    );
  }
  return <SignIn onSignedIn={onSignedIn} onEnrol={() => show('/enrol')} onInvitation={() => show('/invitation')} />;
}
