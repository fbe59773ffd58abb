import type { Answers } from '../forms/answers.ts';
import { aggregateCaseFindings, type CaseMatrix } from '../forms/case-findings.ts';
import type { FindingDecision } from '../forms/findings.ts';
import { loadForm } from '../forms/load-form.ts';
import type { Form } from '../forms/types.ts';
import type { RightAssessment } from './case-document.ts';
import type { RegisterEntry } from './redact-register.ts';
import type { ExportReport } from './report-tables.ts';

/**
 * One case with everything its findings, review and exports are built from, as GET /api/cases/:id
 * returns it. The browser and the export CLI turn it into export inputs the same way (toExportInput).
 */
export interface CaseBundle {
  readonly case: {
    readonly id: string;
    readonly code: string;
    readonly court: string;
    readonly projectId: string;
    readonly project: string;
    /** The project's regional systems (src/core/forms/regions.ts): their standards are cited beside the universal rights. */
    readonly regions?: readonly string[] | undefined;
  };
  readonly reports: readonly {
    readonly id: string;
    readonly formId: string;
    readonly formVersion: number;
    readonly hearingDate: string;
    readonly version: number;
    readonly receivedAt: string;
    readonly reviewStatus: string;
    /** The observer's code in this case (O1, O2): what coordinators export. */
    readonly observerCode: string;
    readonly observerName: string;
    /** The server's count (tallyFindings, dismissed findings left out): what the case filters use. */
    readonly concernCount: number;
    readonly answers: Readonly<Record<string, unknown>>;
  }[];
  readonly forms: readonly { readonly id: string; readonly version: number; readonly definition: unknown }[];
  readonly decisions: readonly { readonly reportId: string; readonly path: string; readonly decision: FindingDecision; readonly note: string }[];
  readonly assessments: readonly { readonly rightId: string; readonly text: string; readonly grade: string | null }[];
  /** The coordinator's recommendations for the case ('' when none were written). */
  readonly recommendations: string;
  /** The case's register of people (code, role, name): codes-only exports replace these names (redact-bundle.ts). */
  readonly register?: readonly RegisterEntry[] | undefined;
}

export interface ExportInput {
  readonly reports: readonly ExportReport[];
  readonly forms: ReadonlyMap<string, Form>;
  /** The coordinator's decisions, keyed "reportId:path". */
  readonly decisions: ReadonlyMap<string, FindingDecision>;
  readonly assessments: ReadonlyMap<string, RightAssessment>;
  readonly recommendations: string;
}

/** Loads the bundle's forms and shapes its reports for the export writers; a form that fails to load is an error. */
export function toExportInput(bundle: CaseBundle): ExportInput {
  const forms = new Map<string, Form>();
  for (const row of bundle.forms) {
    const loaded = loadForm(row.definition);
    if (!loaded.ok) throw new Error(`form ${row.id}@${row.version} does not load: ${loaded.errors[0]?.path ?? ''} ${loaded.errors[0]?.message ?? ''}`);
    forms.set(`${row.id}@${row.version}`, loaded.form);
  }
  return {
    forms,
    reports: bundle.reports.map((r) => ({ ...r, caseCode: bundle.case.code, court: bundle.case.court, answers: r.answers as Answers })),
    decisions: new Map(bundle.decisions.map((d) => [`${d.reportId}:${d.path}`, d.decision])),
    assessments: new Map(bundle.assessments.map((a) => [a.rightId, a.grade === null ? { text: a.text } : { text: a.text, grade: a.grade }])),
    recommendations: bundle.recommendations,
  };
}

/** The findings matrix of these reports with the coordinator's decisions: what the case page, the exports and the print page count. */
export function caseMatrix(input: Pick<ExportInput, 'forms' | 'decisions'>, reports: readonly ExportReport[], rightOrder: readonly string[]): CaseMatrix {
  return aggregateCaseFindings(
    input.forms,
    reports.map((r) => ({ reportId: r.id, hearingDate: r.hearingDate, form: `${r.formId}@${r.formVersion}`, answers: r.answers, observer: r.observerCode })),
    { rightOrder, decisions: input.decisions },
  );
}
