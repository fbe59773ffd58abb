import { useEffect, useMemo, useState } from 'preact/hooks';
import { browserSealCrypto } from '../../base/seal-crypto.ts';
import { openCaseBundle, sealedCount, type OpenedCase, type ReceivedCaseBundle } from './open-case-bundle.ts';
import { useUnlockedProjectKey } from './project-key-store.ts';

/**
 * A case as its screens read it: an open project's at once; a sealed project's opened in this browser with
 * the project key unlocked this session, with progress while its versions are opened, or "locked" (with how
 * many are sealed) when the key is not unlocked, so that the screen offers to unlock instead of showing a
 * case without findings.
 */
export type CaseView =
  | { readonly state: 'loading' }
  | { readonly state: 'locked'; readonly sealed: number }
  | { readonly state: 'opening'; readonly done: number; readonly total: number }
  | ({ readonly state: 'open' } & OpenedCase);

export function useOpenedCase(received: ReceivedCaseBundle | undefined): CaseView {
  const sealed = received === undefined ? 0 : sealedCount(received);
  const key = useUnlockedProjectKey(sealed === 0 ? undefined : received?.case.projectId);
  // An open project's case needs no work: one stable view per bundle, so the screens' memos hold.
  const readable = useMemo<CaseView | undefined>(() => (received !== undefined && sealed === 0 ? { state: 'open', bundle: received, unopened: [] } : undefined), [received, sealed]);
  const [opened, setOpened] = useState<CaseView>({ state: 'loading' });
  useEffect(() => {
    if (received === undefined || sealed === 0 || key === undefined) {
      // Locked again: what was opened is dropped with the key.
      setOpened({ state: 'loading' });
      return undefined;
    }
    let current = true;
    // After a decision reloads the case, the case opened before stays on screen until it is opened again.
    const step = (done: number, total: number): void => setOpened((before) => (before.state === 'open' && before.bundle.case.id === received.case.id ? before : { state: 'opening', done, total }));
    step(0, sealed);
    void openCaseBundle(browserSealCrypto, received, key, (done, total) => {
      if (current) step(done, total);
    }).then((result) => {
      if (current) setOpened({ state: 'open', ...result });
    });
    return () => {
      current = false;
    };
  }, [received, sealed, key]);
  if (received === undefined) return { state: 'loading' };
  if (readable !== undefined) return readable;
  if (key === undefined) return { state: 'locked', sealed };
  return opened;
}
