import { ErrorBoundary, lazy, LocationProvider, Route, Router } from 'preact-iso';
import { useEffect, useMemo } from 'preact/hooks';
import { appName } from './base/app-name.ts';
import { isCoordinator, keepsWorkOnDevice, signOut as signOutOnServer, signOutEverywhere, type Account } from './base/account.ts';
import { adoptEnrolledDeviceId } from './db/adopt-device-id.ts';
import { openDeviceDatabase } from './db/database.ts';
import { useI18n } from './base/i18n/messages.ts';
import { CaseList } from './screens/case-list.tsx';
import { CaseNew } from './screens/case-new.tsx';
import { CasePage } from './screens/case-page.tsx';
import { SyncBar } from './screens/sync-bar.tsx';
import { SessionContext, useSession, type Session } from './session.ts';
import { SyncScheduler } from './sync/scheduler.ts';
import { errorText } from './base/i18n/error-text.ts';
import { QuickWipe } from './lock/quick-wipe.tsx';
import { SignOutButton } from './lock/sign-out-button.tsx';
import { useAutoLock } from './lock/use-auto-lock.ts';
import { wipeDevice } from './lock/wipe.ts';
import { forgetSessionSecrets } from './base/session-secrets.ts';

// The signed-in app: app.tsx loads this module once the lock screen or the sign-in is on screen.
// Coordinator screens are separate chunks: an observer's phone never downloads them.
const ReportList = lazy(() => import('./coordinator/report-list.tsx'));
const ReportDetail = lazy(() => import('./coordinator/report-detail.tsx'));
const CoordinatorCases = lazy(() => import('./coordinator/case-list.tsx'));
const CaseReview = lazy(() => import('./coordinator/case-review.tsx'));
const CasePrint = lazy(() => import('./coordinator/case-print.tsx'));
const CaseRegister = lazy(() => import('./coordinator/case-register.tsx'));
const Themes = lazy(() => import('./coordinator/themes.tsx'));
const FormsScreen = lazy(() => import('./coordinator/forms-screen.tsx'));
const PeopleScreen = lazy(() => import('./coordinator/people-screen.tsx'));
const AuditScreen = lazy(() => import('./coordinator/audit-screen.tsx'));
const ChangePassword = lazy(() => import('./coordinator/change-password.tsx'));
const AttachmentSettingsScreen = lazy(() => import('./coordinator/attachment-settings.tsx'));
const SealingScreen = lazy(() => import('./coordinator/sealing/sealing-screen.tsx'));
// Settings (with backup and its validation) is rarely opened: it stays out of the first load too.
const Settings = lazy(() => import('./screens/settings.tsx').then((m) => m.Settings));
// Accepting an invitation happens once per person and project: a chunk of its own.
const Invitation = lazy(() => import('./screens/invitation.tsx'));
// The report screen (the form, its rows and navigator) is not part of the first load: it is fetched once
// the signed-in app has painted (prefetchReportScreen), so a report still opens offline before the
// service worker has cached the chunk.
const loadReportScreen = () => import('./screens/report-screen.tsx');
const ReportScreen = lazy(() => loadReportScreen().then((m) => m.ReportScreen));
function prefetchReportScreen(): () => void {
  const timer = setTimeout(() => void loadReportScreen(), 0);
  return () => clearTimeout(timer);
}

/** A signed-in person accepts an invitation as themselves. */
function AcceptInvitation() {
  const { account } = useSession();
  return <Invitation signedInAs={account.user.username} />;
}

export function SignedIn({ account, dataKey, onLock, onSignedOut }: { account: Account; dataKey: CryptoKey; onLock: () => void; onSignedOut: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  useEffect(prefetchReportScreen, []);
  useAutoLock(onLock);
  const observes = keepsWorkOnDevice(account);
  const session = useMemo<Session>(() => {
    const db = openDeviceDatabase(account.user.id, dataKey);
    const sync = new SyncScheduler(db);
    return {
      account,
      db,
      sync,
      signOut: async () => {
        forgetSessionSecrets();
        sync.stop();
        await signOutOnServer();
        db.close();
        onSignedOut();
      },
    };
  }, [account, dataKey, onSignedOut]);

  useEffect(() => {
    let stopped = false;
    // Sync runs only while unlocked: what waits to be sent leaves at the next unlocked moment (docs/security.md).
    // A person who only coordinates keeps nothing on the device: their screens read from the API (issue 10
    // item 7); the sync loop, which would store their projects' reports here, never starts for them.
    if (!keepsWorkOnDevice(account)) return () => {
      session.sync.stop();
      session.db.close();
    };
    void adoptEnrolledDeviceId(session.db, account.device?.id).then(() => {
      if (!stopped) session.sync.start();
    });
    return () => {
      stopped = true;
      session.sync.stop();
      session.db.close();
    };
  }, [session, account]);

  return (
    <SessionContext.Provider value={session}>
      <LocationProvider>
        <header class="app-header">
          <a href="/" class="brand">
            {appName(t('appName'))}
          </a>
          <nav aria-label="Main">
            {observes && <a href="/">{t('cases')}</a>}
            {isCoordinator(account) && <a href="/coordinator">{t('receivedReports')}</a>}
            {isCoordinator(account) && <a href="/coordinator/cases">{t('reviewCases')}</a>}
            {isCoordinator(account) && <a href="/coordinator/people">{t('peopleAndDevices')}</a>}
            {isCoordinator(account) && <a href="/coordinator/audit">{t('auditLog')}</a>}
          </nav>
          <div class="header-tools">
            <button type="button" class="lock-now" onClick={onLock}>
              {t('lockNow')}
            </button>
            <QuickWipe
              onWipe={async () => {
                session.sync.stop();
                session.db.close();
                await wipeDevice();
                location.replace('/');
              }}
            />
            <a class="button" href="/settings">
              {t('settings')}
            </a>
            <SignOutButton onLock={onLock} />
            {account.device === undefined && isCoordinator(account) && (
              <a class="button" href="/coordinator/password">
                {t('changePassword')}
              </a>
            )}
            {account.device === undefined && (
              <button type="button" onClick={() => void signOutEverywhere().then(() => session.signOut(), (error: unknown) => alert(errorText(i18n, error)))}>
                {t('signOutEverywhere')}
              </button>
            )}
          </div>
        </header>
        {observes && <SyncBar />}
        <ErrorBoundary>
          <Router>
            <Route path="/" component={observes ? CaseList : ReportList} />
            <Route path="/cases/new" component={CaseNew} />
            <Route path="/cases/:id" component={CasePage} />
            <Route path="/reports/:id" component={ReportScreen} />
            <Route path="/settings" component={Settings} />
            <Route path="/invitation" component={AcceptInvitation} />
            <Route path="/coordinator" component={ReportList} />
            <Route path="/coordinator/reports/:id" component={ReportDetail} />
            <Route path="/coordinator/cases" component={CoordinatorCases} />
            <Route path="/coordinator/cases/:id" component={CaseReview} />
            <Route path="/coordinator/cases/:id/print" component={CasePrint} />
            <Route path="/coordinator/cases/:id/people" component={CaseRegister} />
            <Route path="/coordinator/themes" component={Themes} />
            <Route path="/coordinator/forms" component={FormsScreen} />
            <Route path="/coordinator/people" component={PeopleScreen} />
            <Route path="/coordinator/audit" component={AuditScreen} />
            <Route path="/coordinator/password" component={ChangePassword} />
            <Route path="/coordinator/attachments" component={AttachmentSettingsScreen} />
            <Route path="/coordinator/sealing" component={SealingScreen} />
            <Route default component={observes ? CaseList : ReportList} />
          </Router>
        </ErrorBoundary>
      </LocationProvider>
    </SessionContext.Provider>
  );
}
