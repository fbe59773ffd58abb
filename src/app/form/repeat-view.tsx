import { useEffect, useRef, useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import type { FieldValue, RepeatRow } from '../../core/forms/answers.ts';
import type { AnswerIssue, FormState } from '../../core/forms/evaluate.ts';
import { localize, type RepeatItem } from '../../core/forms/types.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { PinnedComment } from './pinned-comments.tsx';
import { takeQuiet } from './quiet-rows.ts';
import { RepeatRowCard } from './repeat-row.tsx';
import { codeItem, nextCode, rowHasAnswers, rowTitle } from './row-title.ts';

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

/** What the observer may still take back: the row last removed, where it stood. */
interface Removed {
  readonly row: RepeatRow;
  readonly index: number;
  readonly title: string;
}

/**
 * Repeated rows (witnesses, evidence, motions) as cards, one open at a time: the last row is open when the
 * report opens, "Add" (above the cards) opens the new row with the focus in its first answer (its code offered as the next
 * in the observer's series), a row with answers is removed only after asking and can be put back.
 * Limits of the checklist (at most, at least) are said in words where the observer tapped.
 */
export function RepeatView({ repeat, rows, state, issues, readOnly, onRows, handlerFor, comments }: RepeatViewProps) {
  const { t, language } = useI18n();
  const label = localize(repeat.label, language);
  const [open, setOpen] = useState<string | undefined>(() => rows.at(-1)?._row);
  const [added, setAdded] = useState<string | undefined>(undefined);
  const [asking, setAsking] = useState<string | undefined>(undefined);
  const [removed, setRemoved] = useState<Removed | undefined>(undefined);
  const [limit, setLimit] = useState<string | undefined>(undefined);
  // A row added from elsewhere (a quick note made into a row) opens, as one added here does; one a fast path added stays closed.
  const known = useRef(new Set(rows.map((r) => r._row)));
  const newest = rows.at(-1)?._row;
  useEffect(() => {
    if (newest !== undefined && !known.current.has(newest) && !takeQuiet(newest)) {
      setOpen(newest);
      setAdded(newest);
    }
    known.current = new Set(rows.map((r) => r._row));
  }, [rows, newest]);

  const move = (index: number, by: -1 | 1): void => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row !== undefined) next.splice(index + by, 0, row);
    onRows(next);
  };
  const add = (): void => {
    setRemoved(undefined);
    if (rows.length >= repeat.max) {
      setLimit(t('rowsAtMost', { limit: repeat.max }));
      return;
    }
    setLimit(undefined);
    const code = codeItem(repeat);
    const suggested = nextCode(repeat, rows);
    const row: RepeatRow = code !== undefined && suggested !== undefined ? { _row: uuidv7(), [code.id]: suggested } : { _row: uuidv7() };
    onRows([...rows, row]);
    setOpen(row._row);
    setAdded(row._row);
  };
  const remove = (index: number, confirmed: boolean): void => {
    const row = rows[index];
    if (row === undefined) return;
    if (rows.length <= repeat.min) {
      setLimit(t('rowsAtLeast', { limit: repeat.min }));
      return;
    }
    if (!confirmed && rowHasAnswers(repeat, row)) {
      setAsking(row._row);
      return;
    }
    setAsking(undefined);
    setLimit(undefined);
    setRemoved({ row, index, title: rowTitle(repeat, row, index, language, t) });
    onRows(rows.filter((r) => r._row !== row._row));
  };
  const undo = (): void => {
    if (removed === undefined) return;
    const next = [...rows];
    next.splice(Math.min(removed.index, next.length), 0, removed.row);
    onRows(next);
    setOpen(removed.row._row);
    setRemoved(undefined);
  };

  const issue = issues.get(repeat.id);
  return (
    <fieldset class="repeat" data-repeat={repeat.id} data-path={repeat.id}>
      <legend>{label}</legend>
      {/* Add sits above the cards: it stays within reach however long the open row is. */}
      {!readOnly && (
        <button type="button" class="add-row" onClick={add}>
          + {t('addRow')}: {label}
        </button>
      )}
      {rows.map((row, index) => {
        const title = rowTitle(repeat, row, index, language, t);
        return (
          <div key={row._row}>
            <RepeatRowCard
              repeat={repeat}
              row={row}
              title={title}
              open={open === row._row}
              focusFirst={added === row._row}
              first={index === 0}
              last={index === rows.length - 1}
              state={state}
              issues={issues}
              readOnly={readOnly}
              handlerFor={handlerFor}
              comments={comments}
              onToggle={() => {
                setAdded(undefined);
                setOpen(open === row._row ? undefined : row._row);
              }}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index, false)}
            />
            {asking === row._row && (
              <div class="confirm" role="alertdialog" aria-labelledby={`ask-${row._row}`}>
                <p id={`ask-${row._row}`}>{t('rowRemoveAsk', { row: title })}</p>
                <div class="actions">
                  <button type="button" onClick={() => setAsking(undefined)}>
                    {t('rowRemoveKeep')}
                  </button>
                  <button type="button" class="danger" onClick={() => remove(index, true)}>
                    {t('rowRemoveYes')}
                  </button>
                </div>
              </div>
            )}
          </div>
        );
      })}
      {removed !== undefined && (
        <p class="undo-bar" role="status">
          <span>{t('rowRemoved', { row: removed.title })}</span>
          <button type="button" onClick={undo}>
            {t('undo')}
          </button>
        </p>
      )}
      {limit !== undefined && (
        <p class="issue" role="alert">
          {limit}
        </p>
      )}
      {issue !== undefined && (
        <p class="issue" role="alert">
          {t(`issue.${issue.code}`, issue.limit === undefined ? {} : { limit: issue.limit })}
        </p>
      )}
    </fieldset>
  );
}
