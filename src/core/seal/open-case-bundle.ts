/**
 * A sealed case bundle opened with the project's key (docs/security.md, "Sealed projects"): each sealed
 * report version's box opened for the report, version and form the server files it under, its answers
 * put where an open project's are, and its concern count computed as the server computes an open
 * report's (tallyFindings, the coordinator's dismissals left out). The result is the bundle of an open
 * project, so every export writer gives the same file. The export command calls this; it is pure, so the
 * coordinator's browser can too.
 */
import type { CaseBundle } from '../export/case-bundle.ts';
import { computeFindings, tallyFindings } from '../forms/findings.ts';
import { loadForm } from '../forms/load-form.ts';
import type { Form } from '../forms/types.ts';
import type { SealedBox } from './envelope.ts';
import type { UnlockedKey } from './keys.ts';
import { openReport } from './sealed-report.ts';
import type { SealCrypto } from './web-crypto.ts';

type BundleReport = CaseBundle['reports'][number];

/** A case bundle as the server serves it: a sealed version's answers are {} and its box is beside them. */
export type SealedCaseBundle = Omit<CaseBundle, 'reports'> & { readonly reports: readonly (BundleReport & { readonly sealed?: SealedBox })[] };

/** Reports whose box did not open (altered, moved to another report or version, or sealed to another key). */
export class UnopenedReportsError extends Error {
  constructor(readonly reportIds: readonly string[]) {
    super(`sealed report(s) ${reportIds.join(', ')} cannot be opened with this key`);
    this.name = 'UnopenedReportsError';
  }
}

/**
 * Opens every sealed report of the bundle. All or nothing: a report that does not open is never left out
 * of an export without a word, so any such report throws UnopenedReportsError naming every one of them.
 * `progress` hears each report opened.
 */
export async function openCaseBundle(crypto: SealCrypto, key: UnlockedKey, bundle: SealedCaseBundle, progress: (opened: number, total: number) => void = () => undefined): Promise<CaseBundle> {
  const sealedCount = bundle.reports.filter((r) => r.sealed !== undefined).length;
  const dismissed = new Set(bundle.decisions.filter((d) => d.decision === 'dismissed').map((d) => `${d.reportId}:${d.path}`));
  const forms = new Map<string, Form | undefined>();
  const formOf = (report: BundleReport): Form | undefined => {
    const name = `${report.formId}@${report.formVersion}`;
    if (!forms.has(name)) {
      const loaded = loadForm(bundle.forms.find((f) => `${f.id}@${f.version}` === name)?.definition);
      forms.set(name, loaded.ok ? loaded.form : undefined);
    }
    return forms.get(name);
  };
  const failed: string[] = [];
  let opened = 0;
  const reports: BundleReport[] = [];
  for (const { sealed, ...report } of bundle.reports) {
    if (sealed === undefined) {
      reports.push(report);
      continue;
    }
    try {
      const content = await openReport(crypto, sealed, key.kid, key.privateKey, { reportId: report.id, version: report.version, formId: report.formId, formVersion: report.formVersion });
      const form = formOf(report);
      const concernCount = form === undefined ? 0 : tallyFindings(computeFindings(form, content.answers), (path) => (dismissed.has(`${report.id}:${path}`) ? 'dismissed' : undefined)).total;
      reports.push({ ...report, answers: content.answers, concernCount });
    } catch {
      failed.push(report.id);
    }
    opened += 1;
    progress(opened, sealedCount);
  }
  if (failed.length > 0) throw new UnopenedReportsError(failed);
  return { ...bundle, reports };
}
