import { isAnswered, isRepeatRows } from '../forms/answers.ts';
import { evaluateForm, rowPath } from '../forms/evaluate.ts';
import type { CaseFinding, ReportFindings } from '../forms/case-findings.ts';
import type { FindingDecision } from '../forms/findings.ts';
import type { Right } from '../forms/standards.ts';
import { localize, type Form, type Severity } from '../forms/types.ts';
import { answerCell } from './answer-text.ts';
import { caseMatrix } from './case-bundle.ts';
import { rightCitation } from './citation.ts';
import { regionalLookup, regionalOfAll } from '../forms/regions.ts';
import { describeFinding } from './finding-text.ts';
import { exportLabels, reviewLabel } from './labels.ts';
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
  /** The project (or NGO) the case belongs to, for the title page. */
  readonly project: string;
  readonly reports: readonly ExportReport[];
  readonly forms: ReadonlyMap<string, Form>;
  readonly rights: readonly Right[];
  readonly assessments?: ReadonlyMap<string, RightAssessment>;
  /** The coordinator's decisions, keyed "reportId:path": dismissed findings are left out, confirmed ones marked. */
  readonly decisions?: ReadonlyMap<string, FindingDecision>;
  readonly recommendations?: string;
  /** The project's regional systems: their standards are named beside the universal rights, never counted apart. */
  readonly regions?: readonly string[] | undefined;
  readonly generatedAt: string;
}

export interface DocumentFinding {
  /** Where the fact was recorded: "2026-11-20 · O1", or the case file. */
  readonly hearing: string;
  readonly question: string;
  /** The row it is about: "Witnesses heard, row 2: W2, victim". */
  readonly about?: string;
  readonly answer: string;
  readonly severity: string;
  readonly words: readonly string[];
  readonly howKnown?: string;
  readonly confirmed: boolean;
}

export interface DocumentRight {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly explanation: string;
  /** The regional standards that correspond to this right in the project's regions (ECHR 6 beside ICCPR 14(1)). */
  readonly regional: readonly { readonly citation: string; readonly title: string; readonly explanation: string }[];
  readonly total: number;
  readonly worst: string;
  readonly assessment?: RightAssessment;
  readonly findings: readonly DocumentFinding[];
}

export interface AnswerSection {
  readonly title: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
}

export interface AnnexReport {
  readonly heading: string;
  readonly sections: readonly AnswerSection[];
}

/** The monitoring report of one case, independent of its format: the DOCX writer and the print page render it. */
export interface CaseDocument {
  readonly language: string;
  readonly title: string;
  /** The title page: project, case, court, period, date written. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly summary: readonly { readonly label: string; readonly value: string }[];
  /** Reports a coordinator has not approved are in the document (asked for), each marked. */
  readonly includesUnapproved: boolean;
  readonly notObserved: readonly { readonly hearing: string; readonly questions: readonly string[]; readonly words: readonly string[] }[];
  /** The case file's answers, section by section. */
  readonly background: readonly AnswerSection[];
  readonly hearingColumns: readonly string[];
  readonly hearings: readonly (readonly string[])[];
  readonly rights: readonly DocumentRight[];
  readonly recommendations: readonly string[];
  readonly annex: readonly AnnexReport[];
  readonly labels: ReturnType<typeof exportLabels>;
}

// The observer's own note of what they could not see or hear, by the checklists' convention (src/core/forms/README.md).
const NOT_SEEN_ITEM = /^not_seen/;

function cellText(cell: Cell, empty: string): string {
  return cell.kind === 'empty' ? empty : String(cell.value);
}

/**
 * Builds the case's monitoring report: title page, summary (method, what could not be observed),
 * background from the case file, hearings, findings by right with the standard explained and the facts
 * in the observers' words, the coordinator's assessment, recommendations, annex. Counts come from the
 * case matrix (tallyFindings): the same as the case page and every export.
 */
export function buildCaseDocument(input: CaseDocumentInput, options: ExportOptions): CaseDocument {
  const labels = exportLabels(options.language);
  const lang = options.language;
  const formOf = (r: ExportReport): Form | undefined => input.forms.get(`${r.formId}@${r.formVersion}`);
  const reports = input.reports.filter((r) => (options.includeInterviews || formOf(r)?.level !== 'interview') && (options.includeUnapproved === true || r.reviewStatus === 'approved'));
  const byId = new Map(reports.map((r) => [r.id, r]));
  const decisions = input.decisions ?? new Map<string, FindingDecision>();
  const matrix = caseMatrix({ forms: input.forms, decisions }, reports, input.rights.map((r) => r.id));
  const catalogue = new Map(input.rights.map((r) => [r.id, r]));
  const regional = regionalLookup(input.rights, input.regions ?? []);
  const observer = (r: ExportReport): string => (options.codesOnly ? r.observerCode : `${r.observerName} (${r.observerCode})`);
  const mark = (r: ExportReport): string => (r.reviewStatus === 'approved' ? '' : ` (${labels.notApproved})`);
  const place = (record: ReportFindings, r: ExportReport): string => {
    const form = formOf(r);
    const where = record.isHearing ? r.hearingDate : form?.level === 'case' ? labels.caseFile : `${form === undefined ? r.formId : localize(form.title, lang)}, ${r.hearingDate}`;
    return `${where} · ${observer(r)}${mark(r)}`;
  };
  const records = new Map([...matrix.columns, ...matrix.outside].map((c) => [c.reportId, c]));
  // Each report's visibility, computed once for the summary, the background and the annex (a long trial has thousands).
  const hiddenSets = new Map<string, ReadonlySet<string>>();
  const hiddenOf = (form: Form, r: ExportReport): ReadonlySet<string> => {
    const known = hiddenSets.get(r.id);
    if (known !== undefined) return known;
    const { hidden } = evaluateForm(form, r.answers);
    hiddenSets.set(r.id, hidden);
    return hidden;
  };

  const describe = (finding: CaseFinding): DocumentFinding[] => {
    const report = byId.get(finding.reportId);
    const form = report === undefined ? undefined : formOf(report);
    const record = records.get(finding.reportId);
    if (report === undefined || form === undefined || record === undefined) return [];
    const text = describeFinding(form, report.answers, finding, lang);
    return [{ hearing: place(record, report), ...text, severity: labels[finding.severity], confirmed: finding.decision === 'confirmed' }];
  };

  const fromMatrix: DocumentRight[] = matrix.rows.flatMap((row) => {
    const findings = [...row.cells.flatMap((c) => c.findings), ...row.outside.findings].filter((f) => f.decision !== 'dismissed');
    const assessment = input.assessments?.get(row.right);
    // A right stays in the report while a finding or the coordinator's assessment speaks of it.
    if (findings.length === 0 && assessment === undefined) return [];
    return [documentRight(row.right, findings.flatMap(describe), worstOf(findings), assessment)];
  });
  const assessedOnly = [...(input.assessments ?? new Map<string, RightAssessment>())]
    .filter(([id]) => !matrix.rows.some((r) => r.right === id))
    .map(([id, assessment]) => documentRight(id, [], undefined, assessment));
  function documentRight(id: string, findings: DocumentFinding[], worst: Severity | undefined, assessment: RightAssessment | undefined): DocumentRight {
    const right = catalogue.get(id);
    return {
      id,
      title: right === undefined ? id : localize(right.title, lang),
      citation: right === undefined ? id : rightCitation(right, lang),
      explanation: right === undefined ? '' : localize(right.explanation, lang),
      regional: regional(id).map((r) => ({ citation: rightCitation(r, lang), title: localize(r.title, lang), explanation: localize(r.explanation, lang) })),
      total: findings.length,
      worst: worst === undefined ? '' : labels[worst],
      ...(assessment === undefined ? {} : { assessment }),
      findings,
    };
  }
  const rights = [...fromMatrix, ...assessedOnly];

  const hearingReports = matrix.columns.flatMap((c) => byId.get(c.reportId) ?? []);
  const dates = [...new Set(hearingReports.map((r) => r.hearingDate))].sort();
  const counted = [...matrix.columns, ...matrix.outside].flatMap((r) => r.findings.filter((f) => f.decision !== 'dismissed'));
  const sorted = [...matrix.columns, ...matrix.outside].flatMap((c) => byId.get(c.reportId) ?? []);
  return {
    language: lang,
    labels,
    title: labels.reportTitle,
    facts: [
      { label: labels.organisation, value: input.project },
      { label: labels.case, value: input.caseCode },
      { label: labels.court, value: input.court },
      { label: labels.period, value: dates.length === 0 ? labels.notAnswered : dates.length === 1 ? (dates[0] ?? '') : `${dates[0] ?? ''} – ${dates[dates.length - 1] ?? ''}` },
      { label: labels.generated, value: input.generatedAt.slice(0, 10) },
    ],
    summary: [
      { label: labels.hearingsObserved, value: String(dates.length) },
      { label: labels.reports, value: String(reports.length) },
      { label: labels.observers, value: [...new Set(reports.map(observer))].sort((a, b) => a.localeCompare(b, lang, { numeric: true })).join(', ') || labels.notAnswered },
      { label: labels.concerns, value: String(matrix.total) },
      { label: labels.confirmedConcerns, value: String(counted.filter((f) => f.decision === 'confirmed').length) },
      { label: labels.rightsAtStake, value: fromMatrix.filter((r) => r.total > 0).map((r) => r.citation).join('; ') || labels.noFindings },
      // Only for a project under a regional system (a Council of Europe state): the ECHR articles its findings engage.
      ...((input.regions ?? []).length === 0
        ? []
        : [{ label: labels.regionalAtStake, value: regionalOfAll(regional, fromMatrix.filter((r) => r.total > 0).map((r) => r.id)).map((r) => rightCitation(r, lang)).join('; ') || labels.noFindings }]),
    ],
    includesUnapproved: reports.some((r) => r.reviewStatus !== 'approved'),
    notObserved: hearingReports.flatMap((r) => {
      const form = formOf(r);
      const record = records.get(r.id);
      if (form === undefined || record === undefined) return [];
      const unseen = notObservedOf(form, r, hiddenOf(form, r), lang);
      return unseen.questions.length === 0 && unseen.words.length === 0 ? [] : [{ hearing: place(record, r), ...unseen }];
    }),
    background: reports.filter((r) => formOf(r)?.level === 'case').flatMap((r) => {
      const form = formOf(r);
      return form === undefined ? [] : answerSections(form, r, hiddenOf(form, r), lang, labels.notAnswered, labels.row).filter((s) => s.answers.length > 0);
    }),
    hearingColumns: [labels.date, labels.checklist, labels.observer, labels.reviewStatus, labels.concerns],
    hearings: matrix.columns.flatMap((column) => {
      const r = byId.get(column.reportId);
      const form = r === undefined ? undefined : formOf(r);
      return r === undefined ? [] : [[r.hearingDate, form === undefined ? r.formId : localize(form.title, lang), observer(r), reviewLabel(r.reviewStatus, lang), String(column.total)]];
    }),
    rights,
    recommendations: (input.recommendations ?? '').split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter((p) => p !== ''),
    annex: sorted.flatMap((r) => {
      const form = formOf(r);
      const record = records.get(r.id);
      return form === undefined || record === undefined ? [] : [{ heading: `${place(record, r)} · ${localize(form.title, lang)}`, sections: answerSections(form, r, hiddenOf(form, r), lang, labels.notAnswered, labels.row) }];
    }),
  };
}

function worstOf(findings: readonly CaseFinding[]): Severity | undefined {
  const rank = (s: Severity): number => (s === 'high' ? 2 : s === 'medium' ? 1 : 0);
  return findings.reduce<Severity | undefined>((w, f) => (w === undefined || rank(f.severity) > rank(w) ? f.severity : w), undefined);
}

/** The questions shown and answered "not observed", and the observer's note of what they could not see or hear. */
function notObservedOf(form: Form, report: ExportReport, hidden: ReadonlySet<string>, lang: string): { questions: string[]; words: string[] } {
  const questions: string[] = [];
  const words: string[] = [];
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.type === 'repeat' || hidden.has(item.id)) continue;
      const value = report.answers[item.id];
      if (item.type === 'scale' && value === 'not_observed') questions.push(localize(item.label, lang));
      if (NOT_SEEN_ITEM.test(item.id) && typeof value === 'string' && value.trim() !== '') words.push(value.trim());
    }
  }
  return { questions, words };
}

function answerSections(form: Form, report: ExportReport, hidden: ReadonlySet<string>, lang: string, empty: string, rowWord: string): AnswerSection[] {
  return form.sections.map((section) => ({
    title: localize(section.title, lang),
    // Every answer given, in form order; questions left blank are not listed (a 150-question form
    // would otherwise bury the answers in dashes, and make a long trial's report hundreds of pages).
    answers: section.items.flatMap((item) => {
      if (hidden.has(item.id) || item.type === 'note' || item.type === 'attachment') return [];
      if (item.type !== 'repeat') return isAnswered(report.answers[item.id]) ? [{ question: localize(item.label, lang), answer: cellText(answerCell(item, report.answers[item.id], lang), empty) }] : [];
      const value = report.answers[item.id];
      return (isRepeatRows(value) ? value : []).flatMap((row, index) =>
        item.items
          .filter((inner) => inner.type !== 'note' && inner.type !== 'attachment' && !hidden.has(rowPath(item.id, row._row, inner.id)) && isAnswered(row[inner.id]))
          .map((inner) => ({ question: `${localize(item.label, lang)} · ${rowWord} ${index + 1} · ${localize(inner.label, lang)}`, answer: cellText(answerCell(inner, row[inner.id], lang), empty) })),
      );
    }),
  }));
}
