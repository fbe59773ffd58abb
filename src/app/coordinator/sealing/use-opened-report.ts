import { useEffect, useState } from 'preact/hooks';
import type { Answers } from '../../../core/forms/answers.ts';
import { openReport } from '../../../core/seal/sealed-report.ts';
import type { SealCrypto } from '../../../core/seal/web-crypto.ts';
import type { ReportRecord } from '../../../core/sync/protocol.ts';
import { browserSealCrypto } from '../../base/seal-crypto.ts';
import type { UnlockedKey } from './key-flow.ts';
import { useUnlockedProjectKey } from './project-key-store.ts';

/**
 * A received report's content as the coordinator's screens read it: a readable version as it came, a
 * sealed one opened in this browser with the project key unlocked this session (never sent anywhere, never
 * stored). The box is opened for the version and form the server files it under, so one moved by the
 * server does not open (`cannot-open`), and that failure stays on this report.
 */
export type OpenedReport =
  | { readonly state: 'readable' | 'opened'; readonly answers: Answers; readonly reason: string | null }
  | { readonly state: 'locked' | 'opening' | 'cannot-open' };

export async function openReceivedReport(crypto: SealCrypto, report: ReportRecord, readableReason: string | null, key: UnlockedKey | undefined): Promise<OpenedReport> {
  if (report.sealed === undefined) return { state: 'readable', answers: report.answers as Answers, reason: readableReason };
  if (key === undefined) return { state: 'locked' };
  const at = { reportId: report.id, version: report.version, formId: report.formId, formVersion: report.formVersion };
  try {
    const content = await openReport(crypto, report.sealed, key.kid, key.privateKey, at);
    return { state: 'opened', answers: content.answers, reason: content.reason ?? null };
  } catch {
    return { state: 'cannot-open' };
  }
}

export function useOpenedReport(report: ReportRecord, readableReason: string | null): OpenedReport {
  const key = useUnlockedProjectKey(report.sealed === undefined ? undefined : report.projectId);
  const [opened, setOpened] = useState<OpenedReport>({ state: 'opening' });
  useEffect(() => {
    let current = true;
    setOpened({ state: 'opening' });
    void openReceivedReport(browserSealCrypto, report, readableReason, key).then((result) => {
      if (current) setOpened(result);
    });
    return () => {
      current = false;
    };
  }, [report, readableReason, key]);
  // What needs no key is known at once, without a frame of "opening".
  if (report.sealed === undefined) return { state: 'readable', answers: report.answers as Answers, reason: readableReason };
  if (key === undefined) return { state: 'locked' };
  return opened;
}
