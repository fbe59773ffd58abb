import { useEffect, useRef } from 'preact/hooks';
import { isAnswered, type FieldValue, type RepeatRow } from '../../core/forms/answers.ts';
import { rowPath, type AnswerIssue, type FormState } from '../../core/forms/evaluate.ts';
import type { RepeatItem } from '../../core/forms/types.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { ItemSlot } from './item-slot.tsx';
import type { PinnedComment } from './pinned-comments.tsx';

export interface RepeatRowProps {
  readonly repeat: RepeatItem;
  readonly row: RepeatRow;
  readonly title: string;
  readonly open: boolean;
  /** Put the focus in the row's first answer once it is on screen (the row was just added). */
  readonly focusFirst: boolean;
  readonly first: boolean;
  readonly last: boolean;
  readonly state: FormState;
  readonly issues: ReadonlyMap<string, AnswerIssue>;
  readonly readOnly: boolean;
  readonly handlerFor: (path: string) => (value: FieldValue | undefined) => void;
  readonly comments: ReadonlyMap<string, readonly PinnedComment[]> | undefined;
  readonly onToggle: () => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

/**
 * One witness, evidence item or motion as a card: a header naming it ("W2 · Prosecution · Victim") that
 * opens and closes it, and, when open, its questions under a header that stays on screen while the
 * observer scrolls through them, so it is always clear which witness an answer is about.
 */
export function RepeatRowCard(props: RepeatRowProps) {
  const { repeat, row, title, open, focusFirst, first, last, state, issues, readOnly, handlerFor, comments } = props;
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const prefix = `${repeat.id}.${row._row}.`;
  let answered = 0;
  let total = 0;
  let questions = 0;
  for (const item of repeat.items) {
    const path = rowPath(repeat.id, row._row, item.id);
    if (item.type === 'note' || state.hidden.has(path)) continue;
    total += 1;
    if (isAnswered(row[item.id])) answered += 1;
  }
  if (comments !== undefined) for (const [pin, list] of comments) if (pin.startsWith(prefix)) questions += list.filter((c) => c.role === 'coordinator').length;

  useEffect(() => {
    if (!open || !focusFirst) return;
    card.current?.scrollIntoView({ block: 'start' });
    body.current?.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled]), select:not([disabled])')?.focus({ preventScroll: true });
  }, [open, focusFirst]);

  const bodyId = `row-body-${row._row}`;
  return (
    <div class={`repeat-row${open ? ' open' : ''}`} data-row={row._row} data-open={open ? 'true' : 'false'} ref={card}>
      <div class="row-head">
        <button type="button" class="row-toggle" aria-expanded={open} aria-controls={open ? bodyId : undefined} onClick={props.onToggle}>
          <span class="row-title">{title}</span>
          <span class="row-summary muted">
            {t('rowAnswered', { answered, total })}
            {questions > 0 && <span class="row-questions"> · {t('rowQuestions', { n: questions })}</span>}
          </span>
        </button>
        {open && !readOnly && (
          <span class="row-actions">
            <button type="button" disabled={first} onClick={() => props.onMove(-1)} aria-label={`${t('moveUp')}: ${title}`}>
              ↑
            </button>
            <button type="button" disabled={last} onClick={() => props.onMove(1)} aria-label={`${t('moveDown')}: ${title}`}>
              ↓
            </button>
            <button type="button" onClick={props.onRemove} aria-label={`${t('removeRow')}: ${title}`}>
              {t('removeRow')}
            </button>
          </span>
        )}
      </div>
      {open && (
        <div class="row-body" id={bodyId} ref={body}>
          {repeat.items.map((item) => {
            const path = rowPath(repeat.id, row._row, item.id);
            return state.hidden.has(path) ? null : (
              <ItemSlot key={item.id} item={item} path={path} value={row[item.id]} issue={issues.get(path)} readOnly={readOnly} onChange={handlerFor(path)} comments={comments?.get(path)} compact />
            );
          })}
        </div>
      )}
    </div>
  );
}
