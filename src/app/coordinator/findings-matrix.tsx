import { rightCitation, rightName } from '../../core/export/citation.ts';
import type { CaseMatrix, MatrixCell } from '../../core/forms/case-findings.ts';
import { NO_REGIONAL, type RegionalLookup } from '../../core/forms/regions.ts';
import type { Right } from '../../core/forms/standards.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { CoordinatorText } from './text.ts';

/** A cell of the matrix: a right in one hearing column, or in the records outside hearings. */
export interface CellAddress {
  readonly right: string;
  readonly column: number | 'outside';
}

/** Columns of one hearing date side by side: [date, how many observers' columns]. */
function dateGroups(matrix: CaseMatrix): [string, number][] {
  const groups: [string, number][] = [];
  for (const column of matrix.columns) {
    const last = groups[groups.length - 1];
    const date = column.hearingDate ?? '';
    if (last !== undefined && last[0] === date) last[1] += 1;
    else groups.push([date, 1]);
  }
  return groups;
}

/**
 * Rights down, hearings across (date, then each observer's column): each cell counts the findings that
 * name the right, the bottom row each hearing report's own count (a finding once, whatever its rights).
 */
export function FindingsMatrix({
  matrix,
  rights,
  regional = NO_REGIONAL,
  t,
  onOpen,
}: {
  matrix: CaseMatrix;
  rights: ReadonlyMap<string, Right>;
  /** The project's regional standards (ECHR 6 beside ICCPR 14(1)), named under the right and never counted apart. */
  regional?: RegionalLookup;
  t: CoordinatorText;
  onOpen: (cell: CellAddress) => void;
}) {
  const { language } = useI18n();
  if (matrix.rows.length === 0) return <p class="empty">{t('noFindings')}</p>;
  const hasOutside = matrix.outside.length > 0;
  const cellButton = (cell: MatrixCell, name: string, where: string, address: CellAddress) =>
    cell.findings.length > 0 && (
      <button type="button" class={cell.count === 0 ? 'all-dismissed' : ''} aria-label={`${cell.count} — ${t('openCell')}: ${name}, ${where}${cell.maxSeverity === undefined ? '' : ` (${t(cell.maxSeverity)})`}`} onClick={() => onOpen(address)}>
        {cell.count}
      </button>
    );
  return (
    <div class="matrix-wrap">
      <table class="matrix" data-testid="findings-matrix">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('right')}
            </th>
            {dateGroups(matrix).map(([date, span]) => (
              <th scope="colgroup" colSpan={span} key={date}>
                {date}
              </th>
            ))}
            {hasOutside && (
              <th scope="col" rowSpan={2}>
                {t('outsideHearings')}
              </th>
            )}
            <th scope="col" rowSpan={2}>
              {t('total')}
            </th>
          </tr>
          <tr>
            {matrix.columns.map((c) => (
              <th scope="col" key={c.reportId}>
                <a href={`/coordinator/reports/${c.reportId}`}>{c.observer ?? t('report')}</a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => {
            const name = rightName(rights.get(row.right), row.right, language);
            return (
              <tr key={row.right} data-right={row.right}>
                <th scope="row">
                  {name}
                  {regional(row.right).length > 0 && (
                    <span class="regional" data-testid="regional">
                      {' '}
                      ({regional(row.right).map((r) => rightCitation(r, language)).join('; ')})
                    </span>
                  )}
                </th>
                {row.cells.map((cell, column) => {
                  const c = matrix.columns[column];
                  return (
                    <td key={c?.reportId ?? column} class={cell.maxSeverity === undefined ? '' : `sev-${cell.maxSeverity}`}>
                      {cellButton(cell, name, `${c?.hearingDate ?? ''} ${c?.observer ?? ''}`, { right: row.right, column })}
                    </td>
                  );
                })}
                {hasOutside && <td class={row.outside.maxSeverity === undefined ? '' : `sev-${row.outside.maxSeverity}`}>{cellButton(row.outside, name, t('outsideHearings'), { right: row.right, column: 'outside' })}</td>}
                <td>{row.total}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="matrix-totals">
            <th scope="row">{t('concerns')}</th>
            {matrix.columns.map((c) => (
              <td key={c.reportId} data-report={c.reportId}>
                {c.total}
              </td>
            ))}
            {hasOutside && <td>{matrix.outside.reduce((n, r) => n + r.total, 0)}</td>}
            <td data-testid="case-total">{matrix.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
