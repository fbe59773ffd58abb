import type { CaseMatrix } from '../../core/forms/case-findings.ts';
import type { Right } from '../../core/forms/standards.ts';
import { localize } from '../../core/forms/types.ts';
import { useI18n } from '../i18n/messages.ts';
import type { CoordinatorText } from './text.ts';

export interface CellAddress {
  readonly right: string;
  readonly column: number;
}

/** Rights down, hearings across: each cell counts the concerns and shows the worst severity; a click opens them. */
export function FindingsMatrix({ matrix, rights, t, onOpen }: { matrix: CaseMatrix; rights: ReadonlyMap<string, Right>; t: CoordinatorText; onOpen: (cell: CellAddress) => void }) {
  const { language } = useI18n();
  if (matrix.rows.length === 0) return <p class="empty">{t('noFindings')}</p>;
  return (
    <div class="matrix-wrap">
      <table class="matrix" data-testid="findings-matrix">
        <thead>
          <tr>
            <th scope="col">{t('right')}</th>
            {matrix.columns.map((c) => (
              <th scope="col" key={c.reportId}>
                {c.hearingDate ?? c.form}
              </th>
            ))}
            <th scope="col">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => {
            const right = rights.get(row.right);
            const name = right === undefined ? row.right : `${right.instrument} ${right.article} · ${localize(right.title, language)}`;
            return (
              <tr key={row.right} data-right={row.right}>
                <th scope="row">{name}</th>
                {row.cells.map((cell, column) => (
                  <td key={matrix.columns[column]?.reportId ?? column} class={cell.maxSeverity === undefined ? '' : `sev-${cell.maxSeverity}`}>
                    {cell.count > 0 && (
                      <button type="button" aria-label={`${cell.count} — ${t('openCell')}: ${name}, ${matrix.columns[column]?.hearingDate ?? ''} (${t(cell.maxSeverity ?? 'low')})`} onClick={() => onOpen({ right: row.right, column })}>
                        {cell.count}
                      </button>
                    )}
                  </td>
                ))}
                <td>{row.total}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
