import { uuidv7 } from 'uuidv7';
import type { FieldValue, RepeatRow } from '../../core/forms/answers.ts';
import { rowPath, type AnswerIssue, type FormState } from '../../core/forms/evaluate.ts';
import { localize, type RepeatItem } from '../../core/forms/types.ts';
import { useI18n } from '../i18n/messages.ts';
import { ItemSlot } from './item-slot.tsx';
import type { PinnedComment } from './pinned-comments.tsx';

interface RepeatViewProps {
  readonly repeat: RepeatItem;
  readonly rows: readonly RepeatRow[];
  readonly state: FormState;
  readonly issues: ReadonlyMap<string, AnswerIssue>;
  readonly readOnly: boolean;
  readonly onRows: (rows: readonly RepeatRow[]) => void;
  /** The form's cached change handler of an answer path ("repeatId.rowId.itemId"). */
  readonly handlerFor: (path: string) => (value: FieldValue | undefined) => void;
  readonly comments: ReadonlyMap<string, readonly PinnedComment[]> | undefined;
}

/** Repeated rows (witnesses, evidence, motions): add, remove and reorder; each row keeps its id. */
export function RepeatView({ repeat, rows, state, issues, readOnly, onRows, handlerFor, comments }: RepeatViewProps) {
  const { t, language } = useI18n();
  const label = localize(repeat.label, language);
  const move = (index: number, by: -1 | 1): void => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row !== undefined) next.splice(index + by, 0, row);
    onRows(next);
  };
  const issue = issues.get(repeat.id);
  return (
    <fieldset class="repeat" data-repeat={repeat.id} data-path={repeat.id}>
      <legend>{label}</legend>
      {rows.map((row, index) => (
        <div class="repeat-row" key={row._row} data-row={row._row}>
          <div class="row-head">
            <strong>
              {t('row')} {index + 1}
            </strong>
            {!readOnly && (
              <span class="row-actions">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`${t('moveUp')}: ${t('row')} ${index + 1}`}>
                  ↑
                </button>
                <button type="button" disabled={index === rows.length - 1} onClick={() => move(index, 1)} aria-label={`${t('moveDown')}: ${t('row')} ${index + 1}`}>
                  ↓
                </button>
                <button type="button" onClick={() => onRows(rows.filter((_, i) => i !== index))} aria-label={`${t('removeRow')}: ${t('row')} ${index + 1}`}>
                  {t('removeRow')}
                </button>
              </span>
            )}
          </div>
          {repeat.items.map((item) => {
            const path = rowPath(repeat.id, row._row, item.id);
            return state.hidden.has(path) ? null : (
              <ItemSlot key={item.id} item={item} path={path} value={row[item.id]} issue={issues.get(path)} readOnly={readOnly} onChange={handlerFor(path)} comments={comments?.get(path)} />
            );
          })}
        </div>
      ))}
      {issue !== undefined && (
        <p class="issue" role="alert">
          {t(`issue.${issue.code}`, issue.limit === undefined ? {} : { limit: issue.limit })}
        </p>
      )}
      {!readOnly && rows.length < repeat.max && (
        <button type="button" onClick={() => onRows([...rows, { _row: uuidv7() }])}>
          + {t('addRow')}: {label}
        </button>
      )}
    </fieldset>
  );
}
