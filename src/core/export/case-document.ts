import { isAnswered, isRepeatRows } from '../forms/answers.ts';
import { aggregateCaseFindings } from '../forms/case-findings.ts';
import { evaluateForm, rowPath } from '../forms/evaluate.ts';
import type { Finding } from '../forms/findings.ts';
import type { Right } from '../forms/standards.ts';
import { localize, type FieldItem, type Form, type Severity } from '../forms/types.ts';
import { answerCell } from './answer-text.ts';
import { exportLabels } from './labels.ts';
import type { ExportOptions, ExportReport } from './report-tables.ts';
import type { Cell } from './table.ts';

/** What a coordinator decided about the case, per right: kept with the case, written into the report. */
export interface RightAssessment {
  readonly text: string;
  readonly grade?: string;
}

export interface CaseDocumentInput {
  readonly caseCode: string;
  readonly court: string;
  readonly reports: readonly ExportReport[];
  readonly forms: ReadonlyMap<string, Form>;
  readonly rights: readonly Right[];
  readonly assessments?: ReadonlyMap<string, RightAssessment>;
  /** Finding paths ("reportId:path") a coordinator dismissed: left out of the findings. */
  readonly dismissed?: ReadonlySet<string>;
  readonly generatedAt: string;
}

export interface DocumentFinding {
  readonly hearingDate: string;
  readonly question: string;
  readonly answer: string;
  readonly severity: string;
  readonly words: readonly string[];
  readonly howKnown?: string;
}

export interface DocumentRight {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly explanation: string;
  readonly total: number;
  readonly worst: string;
  readonly assessment?: RightAssessment;
  readonly findings: readonly DocumentFinding[];
}

export interface AnnexReport {
  readonly heading: string;
  readonly sections: readonly { readonly title: string; readonly answers: readonly { readonly question: string; readonly answer: string }[] }[];
}

/** The monitoring report of one case, independent of its format: the DOCX writer and the print page render it. */
export interface CaseDocument {
  readonly language: string;
  readonly title: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly summary: readonly { readonly label: string; readonly value: string }[];
  readonly hearingColumns: readonly string[];
  readonly hearings: readonly (readonly string[])[];
  readonly rights: readonly DocumentRight[];
  readonly annex: readonly AnnexReport[];
  readonly labels: ReturnType<typeof exportLabels>;
}

function cellText(cell: Cell, empty: string): string {
  return cell.kind === 'empty' ? empty : String(cell.value);
}

/** Builds the case report: summary, hearings, findings by right with the standard explained and the observers' words, annex. */
export function buildCaseDocument(input: CaseDocumentInput, options: ExportOptions): CaseDocument {
  const labels = exportLabels(options.language);
  const lang = options.language;
  const reports = input.reports.filter((r) => options.includeInterviews || input.forms.get(`${r.formId}@${r.formVersion}`)?.level !== 'interview');
  const byId = new Map(reports.map((r) => [r.id, r]));
  const matrix = aggregateCaseFindings(
    input.forms,
    reports.map((r) => ({ reportId: r.id, hearingDate: r.hearingDate, form: `${r.formId}@${r.formVersion}`, answers: r.answers })),
    { rightOrder: input.rights.map((r) => r.id) },
  );
  const catalogue = new Map(input.rights.map((r) => [r.id, r]));
  const severityWord = (s: Severity): string => labels[s];
  const observer = (r: ExportReport): string => (options.codesOnly ? r.observerCode : r.observerName);

  const describe = (reportId: string, finding: Finding): DocumentFinding => {
    const report = byId.get(reportId);
    const form = report === undefined ? undefined : input.forms.get(`${report.formId}@${report.formVersion}`);
    const item = form === undefined ? undefined : findItem(form, finding.itemId);
    const answer = item === undefined ? String(finding.answer) : cellText(answerCell(item, finding.answer, lang), labels.notAnswered);
    const source = finding.source === undefined ? undefined : `${labels[finding.source.kind]}${finding.source.role === undefined ? '' : ` (${finding.source.role})`}`;
    return {
      hearingDate: report?.hearingDate ?? '',
      question: item === undefined ? finding.itemId : localize(item.label, lang),
      answer,
      severity: severityWord(finding.severity),
      words: finding.words,
      ...(source === undefined ? {} : { howKnown: source }),
    };
  };

  const rights: DocumentRight[] = matrix.rows.flatMap((row) => {
    const findings = row.cells.flatMap((cell, column) => {
      const reportId = matrix.columns[column]?.reportId ?? '';
      return cell.findings.filter((f) => !(input.dismissed?.has(`${reportId}:${f.path}`) ?? false)).map((f) => ({ reportId, f }));
    });
    const assessment = input.assessments?.get(row.right);
    // A right stays in the report while a finding or the coordinator's assessment speaks of it.
    if (findings.length === 0 && assessment === undefined) return [];
    const right = catalogue.get(row.right);
    const worst = findings.reduce<Severity>((w, { f }) => (rank(f.severity) > rank(w) ? f.severity : w), 'low');
    return [
      {
        id: row.right,
        title: right === undefined ? row.right : localize(right.title, lang),
        citation: right === undefined ? row.right : `${right.instrument} ${right.article}`,
        explanation: right === undefined ? '' : localize(right.explanation, lang),
        total: findings.length,
        worst: severityWord(worst),
        ...(assessment === undefined ? {} : { assessment }),
        findings: findings.map(({ reportId, f }) => describe(reportId, f)),
      },
    ];
  });

  const sorted = [...reports].sort((a, b) => a.hearingDate.localeCompare(b.hearingDate) || a.id.localeCompare(b.id));
  return {
    language: lang,
    labels,
    title: labels.reportTitle,
    facts: [
      { label: labels.case, value: input.caseCode },
      { label: labels.court, value: input.court },
      { label: labels.generated, value: input.generatedAt.slice(0, 10) },
    ],
    summary: [
      { label: labels.hearingsObserved, value: String(reports.length) },
      { label: labels.observers, value: String(new Set(reports.map(observer)).size) },
      { label: labels.concerns, value: String(rights.reduce((n, r) => n + r.total, 0)) },
      { label: labels.rightsAtStake, value: rights.map((r) => r.citation).join('; ') || labels.noFindings },
    ],
    hearingColumns: [labels.date, labels.checklist, labels.observer, labels.reviewStatus, labels.concerns],
    hearings: sorted.map((r) => {
      const form = input.forms.get(`${r.formId}@${r.formVersion}`);
      const column = matrix.columns.findIndex((c) => c.reportId === r.id);
      const count = matrix.rows.reduce((n, row) => n + (row.cells[column]?.findings.filter((f) => !(input.dismissed?.has(`${r.id}:${f.path}`) ?? false)).length ?? 0), 0);
      return [r.hearingDate, form === undefined ? r.formId : localize(form.title, lang), observer(r), r.reviewStatus, String(count)];
    }),
    rights,
    annex: sorted.flatMap((r) => {
      const form = input.forms.get(`${r.formId}@${r.formVersion}`);
      return form === undefined ? [] : [annexOf(form, r, lang, labels.notAnswered, labels.row, observer(r))];
    }),
  };
}

function rank(severity: Severity): number {
  return severity === 'high' ? 2 : severity === 'medium' ? 1 : 0;
}

function findItem(form: Form, id: string): FieldItem | undefined {
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.id === id && item.type !== 'repeat') return item;
      if (item.type === 'repeat') {
        const inner = item.items.find((i) => i.id === id);
        if (inner !== undefined) return inner;
      }
    }
  }
  return undefined;
}

function annexOf(form: Form, report: ExportReport, lang: string, empty: string, rowWord: string, observer: string): AnnexReport {
  const { hidden } = evaluateForm(form, report.answers);
  return {
    heading: `${report.hearingDate} · ${localize(form.title, lang)} · ${observer}`,
    sections: form.sections.map((section) => ({
      title: localize(section.title, lang),
      // Every answer given, in form order; questions left blank are not listed (a 150-question form
      // would otherwise bury the answers in dashes, and make a long trial's report hundreds of pages).
      answers: section.items.flatMap((item) => {
        if (hidden.has(item.id) || item.type === 'note') return [];
        if (item.type !== 'repeat') return isAnswered(report.answers[item.id]) ? [{ question: localize(item.label, lang), answer: cellText(answerCell(item, report.answers[item.id], lang), empty) }] : [];
        const value = report.answers[item.id];
        return (isRepeatRows(value) ? value : []).flatMap((row, index) =>
          item.items
            .filter((inner) => inner.type !== 'note' && !hidden.has(rowPath(item.id, row._row, inner.id)) && isAnswered(row[inner.id]))
            .map((inner) => ({ question: `${localize(item.label, lang)} · ${rowWord} ${index + 1} · ${localize(inner.label, lang)}`, answer: cellText(answerCell(inner, row[inner.id], lang), empty) })),
        );
      }),
    })),
  };
}
