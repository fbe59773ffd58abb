import type { Answers } from '../forms/answers.ts';
import { loadForm } from '../forms/load-form.ts';
import type { Form } from '../forms/types.ts';
import type { RightAssessment } from './case-document.ts';
import type { ExportReport } from './report-tables.ts';

/**
 * One case with everything its findings, review and exports are built from, as GET /api/cases/:id
 * returns it. The browser and the export CLI turn it into export inputs the same way (toExportInput).
 */
export interface CaseBundle {
  readonly case: { readonly id: string; readonly code: string; readonly court: string; readonly projectId: string; readonly project: string };
  readonly reports: readonly {
    readonly id: string;
    readonly formId: string;
    readonly formVersion: number;
    readonly hearingDate: string;
    readonly version: number;
    readonly receivedAt: string;
    readonly reviewStatus: string;
    readonly observerCode: string;
    readonly observerName: string;
    readonly concernCount: number;
    readonly answers: Readonly<Record<string, unknown>>;
  }[];
  readonly forms: readonly { readonly id: string; readonly version: number; readonly definition: unknown }[];
  readonly decisions: readonly { readonly reportId: string; readonly path: string; readonly decision: 'confirmed' | 'dismissed'; readonly note: string }[];
  readonly assessments: readonly { readonly rightId: string; readonly text: string; readonly grade: string | null }[];
}

export interface ExportInput {
  readonly reports: readonly ExportReport[];
  readonly forms: ReadonlyMap<string, Form>;
  readonly dismissed: ReadonlySet<string>;
  readonly assessments: ReadonlyMap<string, RightAssessment>;
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
    dismissed: new Set(bundle.decisions.filter((d) => d.decision === 'dismissed').map((d) => `${d.reportId}:${d.path}`)),
    assessments: new Map(bundle.assessments.map((a) => [a.rightId, a.grade === null ? { text: a.text } : { text: a.text, grade: a.grade }])),
  };
}
