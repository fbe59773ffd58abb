import type { Answers } from './answers.ts';
import { computeFindings, maxSeverity, tallyFindings, type Finding, type FindingDecision } from './findings.ts';
import type { Form, FormLevel, Severity } from './types.ts';

/** One report of a case, as the coordinator's matrix needs it. `form` is the key "id@version". */
export interface CaseReport {
  readonly reportId: string;
  readonly hearingDate?: string | undefined;
  readonly form: string;
  readonly answers: Answers;
  /** The observer's code in this case (O1, O2): two observers of one hearing stand side by side. */
  readonly observer?: string | undefined;
}

/** A finding of one report of the case, with the coordinator's decision on it. */
export interface CaseFinding extends Finding {
  readonly reportId: string;
  readonly decision?: FindingDecision;
}

/** Every finding of one report and the one count of them (see tallyFindings). */
export interface ReportFindings {
  readonly reportId: string;
  readonly form: string;
  readonly hearingDate?: string;
  readonly observer?: string;
  /** False for the case file, incidents and interviews: records, not hearings. */
  readonly isHearing: boolean;
  /** Dismissed findings included (marked), so a coordinator can reopen them. */
  readonly findings: readonly CaseFinding[];
  readonly total: number;
}

/** A column of the matrix: one hearing as one observer saw it. */
export type MatrixColumn = ReportFindings;

export interface MatrixCell {
  /** Findings naming the right, dismissed ones not counted. */
  readonly count: number;
  /** Absent when nothing in the cell counts. */
  readonly maxSeverity?: Severity;
  readonly findings: readonly CaseFinding[];
}

/** A row of the matrix: one right, with a cell per hearing column and one for the records outside hearings. */
export interface MatrixRow {
  readonly right: string;
  readonly total: number;
  readonly maxSeverity: Severity;
  readonly cells: readonly MatrixCell[];
  readonly outside: MatrixCell;
}

export interface CaseMatrix {
  /** Hearings, by date then observer: the case file is no column. */
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
  /** The case file, incidents and interviews, with their findings: counted, but not as hearings. */
  readonly outside: readonly ReportFindings[];
  /** The case's count: every report's total added up. */
  readonly total: number;
  /** Reports whose form is not among the given forms: left out rather than guessed at. */
  readonly unknownForm: readonly { readonly reportId: string; readonly form: string }[];
}

export interface AggregateOptions {
  /** Rights in this order first (e.g. the catalogue's), the rest by id. */
  readonly rightOrder?: readonly string[];
  /** The coordinator's decisions, keyed "reportId:path". */
  readonly decisions?: ReadonlyMap<string, FindingDecision>;
}

/** The levels whose reports are hearings; the case file, incidents and interviews are records about the case. */
export const HEARING_LEVELS: readonly FormLevel[] = ['hearing', 'detention', 'judgment'];

/** The findings of one report, counted by tallyFindings with the coordinator's decisions. */
export function reportFindings(form: Form, report: CaseReport, decisions: ReadonlyMap<string, FindingDecision> = new Map()): ReportFindings {
  const decision = (path: string): FindingDecision | undefined => decisions.get(`${report.reportId}:${path}`);
  const computed = computeFindings(form, report.answers);
  const findings = computed.map((f): CaseFinding => {
    const d = decision(f.path);
    return d === undefined ? { ...f, reportId: report.reportId } : { ...f, reportId: report.reportId, decision: d };
  });
  return {
    reportId: report.reportId,
    form: report.form,
    ...(report.hearingDate === undefined ? {} : { hearingDate: report.hearingDate }),
    ...(report.observer === undefined ? {} : { observer: report.observer }),
    isHearing: HEARING_LEVELS.includes(form.level),
    findings,
    total: tallyFindings(computed, decision).total,
  };
}

/**
 * The right × hearing matrix of one case: for each right named by any finding, per hearing the number
 * of findings that count and the worst severity, with the findings behind each cell. A finding that
 * engages three rights shows in three rows and counts once in its hearing's total.
 */
export function aggregateCaseFindings(forms: ReadonlyMap<string, Form>, reports: readonly CaseReport[], options: AggregateOptions = {}): CaseMatrix {
  const unknownForm: { reportId: string; form: string }[] = [];
  const all: ReportFindings[] = [];
  for (const report of [...reports].sort(byHearing)) {
    const form = forms.get(report.form);
    if (form === undefined) unknownForm.push({ reportId: report.reportId, form: report.form });
    else all.push(reportFindings(form, report, options.decisions));
  }
  const columns = all.filter((r) => r.isHearing);
  const outside = all.filter((r) => !r.isHearing);

  const byRight = new Map<string, { cells: CaseFinding[][]; outside: CaseFinding[] }>();
  const entry = (right: string) => {
    let found = byRight.get(right);
    if (found === undefined) {
      found = { cells: columns.map(() => []), outside: [] };
      byRight.set(right, found);
    }
    return found;
  };
  columns.forEach((column, at) => {
    for (const finding of column.findings) for (const right of finding.rights) entry(right).cells[at]?.push(finding);
  });
  for (const record of outside) for (const finding of record.findings) for (const right of finding.rights) entry(right).outside.push(finding);

  const order = options.rightOrder ?? [];
  const rank = (right: string): number => {
    const at = order.indexOf(right);
    return at === -1 ? order.length : at;
  };
  const rows = [...byRight]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([right, found]): MatrixRow => {
      const cells = found.cells.map(cellOf);
      const outsideCell = cellOf(found.outside);
      const every = [...cells, outsideCell];
      const worst = every.reduce<Severity>((w, c) => (c.maxSeverity === undefined ? w : maxSeverity(w, c.maxSeverity)), 'low');
      return { right, total: every.reduce((n, c) => n + c.count, 0), maxSeverity: worst, cells, outside: outsideCell };
    });
  return { columns, rows, outside, total: all.reduce((n, r) => n + r.total, 0), unknownForm };
}

function cellOf(findings: readonly CaseFinding[]): MatrixCell {
  const counted = findings.filter((f) => f.decision !== 'dismissed');
  const first = counted[0];
  if (first === undefined) return { count: 0, findings };
  return { count: counted.length, maxSeverity: counted.reduce((w, f) => maxSeverity(w, f.severity), first.severity), findings };
}

/** By hearing date (undated last), then observer, then report id: two observers of one hearing side by side. */
function byHearing(a: CaseReport, b: CaseReport): number {
  if (a.hearingDate !== b.hearingDate) {
    if (a.hearingDate === undefined) return 1;
    if (b.hearingDate === undefined) return -1;
    return a.hearingDate < b.hearingDate ? -1 : 1;
  }
  const byObserver = (a.observer ?? '').localeCompare(b.observer ?? '', 'en', { numeric: true });
  return byObserver !== 0 ? byObserver : a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0;
}
