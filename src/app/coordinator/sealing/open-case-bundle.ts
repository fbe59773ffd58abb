import type * as v from 'valibot';
import type { CaseBundle as CaseBundleSchema } from '../../../core/api/cases.ts';
import type { CaseBundle } from '../../../core/export/case-bundle.ts';
import type { Answers } from '../../../core/forms/answers.ts';
import { computeFindings, tallyFindings } from '../../../core/forms/findings.ts';
import { loadForm } from '../../../core/forms/load-form.ts';
import type { Form } from '../../../core/forms/types.ts';
import type { SealCrypto } from '../../../core/seal/web-crypto.ts';
import type { UnlockedKey } from './key-flow.ts';
import { openVersions } from './open-versions.ts';

/** A case as GET /api/cases/:id sends it: a sealed project's versions carry their box and no answers. */
export type ReceivedCaseBundle = v.InferOutput<typeof CaseBundleSchema>;
type ReceivedReport = ReceivedCaseBundle['reports'][number];

/** A sealed version of the case that did not open: listed with its id, left out of everything else. */
export interface UnopenedReport {
  readonly reportId: string;
  readonly version: number;
  readonly hearingDate: string;
  readonly observerCode: string;
}

/** The case as the findings matrix, assessments and exports read it, and what of it did not open. */
export interface OpenedCase {
  readonly bundle: CaseBundle;
  readonly unopened: readonly UnopenedReport[];
}

/** How many of the case's current versions are sealed (0 for an open project). */
export function sealedCount(bundle: ReceivedCaseBundle): number {
  return bundle.reports.filter((r) => r.sealed !== undefined).length;
}

/**
 * Opens every sealed version of a case with the project key and gives back the case exactly as an open
 * project's bundle would be: the answers in place, and the concern count the server would have stored
 * (tallyFindings without the dismissed findings, as storeFindings counts), so that the same core code
 * (case-findings.ts, src/core/export/*) builds the same matrix and the same files. A version that does not
 * open is left out of the bundle and listed in `unopened`; the others are unaffected.
 */
export async function openCaseBundle(crypto: SealCrypto, received: ReceivedCaseBundle, key: UnlockedKey, progress?: (done: number, total: number) => void): Promise<OpenedCase> {
  const sealed = received.reports.flatMap((r) => (r.sealed === undefined ? [] : [{ reportId: r.id, version: r.version, formId: r.formId, formVersion: r.formVersion, sealed: r.sealed }]));
  const contents = await openVersions(crypto, sealed, key, progress);
  const counter = findingCounter(received);
  const reports: CaseBundle['reports'][number][] = [];
  const unopened: UnopenedReport[] = [];
  for (const report of received.reports) {
    const { sealed: box, ...readable } = report;
    if (box === undefined) {
      reports.push(readable);
      continue;
    }
    const content = contents.get(report.id);
    if (content === undefined) unopened.push({ reportId: report.id, version: report.version, hearingDate: report.hearingDate, observerCode: report.observerCode });
    else reports.push({ ...readable, answers: content.answers, concernCount: counter(report, content.answers) });
  }
  return { bundle: { ...received, reports }, unopened };
}

/** The server's stored count of a report (src/server/sync/apply-report.ts storeFindings), here for opened answers. */
function findingCounter(bundle: ReceivedCaseBundle): (report: ReceivedReport, answers: Answers) => number {
  const forms = new Map<string, Form | undefined>();
  for (const row of bundle.forms) {
    const loaded = loadForm(row.definition);
    forms.set(`${row.id}@${row.version}`, loaded.ok ? loaded.form : undefined);
  }
  const dismissed = new Set(bundle.decisions.filter((d) => d.decision === 'dismissed').map((d) => `${d.reportId}:${d.path}`));
  return (report, answers) => {
    const form = forms.get(`${report.formId}@${report.formVersion}`);
    if (form === undefined) return 0;
    return tallyFindings(computeFindings(form, answers), (path) => (dismissed.has(`${report.id}:${path}`) ? 'dismissed' : undefined)).total;
  };
}
