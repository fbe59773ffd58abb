import type { Answers } from './answers.ts';
import { computeFindings, maxSeverity, severityRank, type Finding } from './findings.ts';
import type { Form, Severity } from './types.ts';

/** One report of a case, as the coordinator's matrix needs it. `form` is the key "id@version". */
export interface CaseReport {
  readonly reportId: string;
  readonly hearingDate?: string | undefined;
  readonly form: string;
  readonly answers: Answers;
}

/** A column of the matrix: one report (a hearing seen by one observer, or a case-level form). */
export interface MatrixColumn {
  readonly reportId: string;
  readonly hearingDate?: string;
  readonly form: string;
}

export interface MatrixCell {
  readonly count: number;
  /** Absent when the cell is empty. */
  readonly maxSeverity?: Severity;
  readonly findings: readonly Finding[];
}

/** A row of the matrix: one right, with a cell per column (aligned with `columns`). */
export interface MatrixRow {
  readonly right: string;
  readonly total: number;
  readonly maxSeverity: Severity;
  readonly cells: readonly MatrixCell[];
}

export interface CaseMatrix {
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
  /** Reports whose form is not among the given forms: left out rather than guessed at. */
  readonly unknownForm: readonly { readonly reportId: string; readonly form: string }[];
}

export interface AggregateOptions {
  /** Rights in this order first (e.g. the catalogue's), the rest by id. */
  readonly rightOrder?: readonly string[];
}

const EMPTY: MatrixCell = { count: 0, findings: [] };

/**
 * The right × hearing matrix of one case: for each right named by any finding, per report the number
 * of findings and the worst severity, with the findings behind each cell. Columns run by hearing date
 * (undated, case-level reports last), then report id.
 */
export function aggregateCaseFindings(forms: ReadonlyMap<string, Form>, reports: readonly CaseReport[], options: AggregateOptions = {}): CaseMatrix {
  const unknownForm: { reportId: string; form: string }[] = [];
  const known = reports.filter((report) => {
    if (forms.has(report.form)) return true;
    unknownForm.push({ reportId: report.reportId, form: report.form });
    return false;
  });
  const sorted = [...known].sort(byHearingDate);
  const columns = sorted.map(({ reportId, hearingDate, form }) => ({ reportId, form, ...(hearingDate === undefined ? {} : { hearingDate }) }));

  const byRight = new Map<string, Finding[][]>();
  sorted.forEach((report, column) => {
    const form = forms.get(report.form);
    if (form === undefined) return;
    for (const finding of computeFindings(form, report.answers)) {
      for (const right of finding.rights) {
        let cells = byRight.get(right);
        if (cells === undefined) {
          cells = sorted.map(() => []);
          byRight.set(right, cells);
        }
        cells[column]?.push(finding);
      }
    }
  });

  const order = options.rightOrder ?? [];
  const rank = (right: string): number => {
    const at = order.indexOf(right);
    return at === -1 ? order.length : at;
  };
  const rows = [...byRight]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([right, cells]) => {
      const matrixCells = cells.map(cellOf);
      const worst = matrixCells.reduce<Severity>((w, c) => (c.maxSeverity === undefined ? w : maxSeverity(w, c.maxSeverity)), 'low');
      return { right, total: matrixCells.reduce((n, c) => n + c.count, 0), maxSeverity: worst, cells: matrixCells };
    });
  return { columns, rows, unknownForm };
}

function cellOf(findings: readonly Finding[]): MatrixCell {
  const first = findings[0];
  if (first === undefined) return EMPTY;
  const worst = findings.reduce((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), first.severity);
  return { count: findings.length, maxSeverity: worst, findings };
}

function byHearingDate(a: CaseReport, b: CaseReport): number {
  if (a.hearingDate !== b.hearingDate) {
    if (a.hearingDate === undefined) return 1;
    if (b.hearingDate === undefined) return -1;
    return a.hearingDate < b.hearingDate ? -1 : 1;
  }
  return a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0;
}
