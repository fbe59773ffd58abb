import { uuidv7 } from 'uuidv7';
import type { Answers, FieldValue, RepeatRow } from '../../core/forms/answers.ts';
import { rowPath, type AnswerIssue, type FormState } from '../../core/forms/evaluate.ts';
import { localize, type FieldItem, type Form, type RepeatItem } from '../../core/forms/types.ts';
import { useI18n } from '../i18n/messages.ts';
import { ItemInput } from './item-input.tsx';

export interface FormViewProps {
  readonly form: Form;
  readonly answers: Answers;
  readonly state: FormState;
  readonly readOnly: boolean;
  /** Show "required" messages (after a first try to finalise); other issues show as soon as they arise. */
  readonly showRequired: boolean;
  readonly onChange: (answers: Answers) => void;
}

/** Renders a whole form from the engine's state: visible items only, with their issues. */
export function FormView({ form, answers, state, readOnly, showRequired, onChange }: FormViewProps) {
  const { language } = useI18n();
  const issues = new Map<string, AnswerIssue>();
  for (const issue of state.issues) if (showRequired || (issue.code !== 'required' && issue.code !== 'too_few_rows')) issues.set(issue.path, issue);

  const setTop = (id: string, value: FieldValue | readonly RepeatRow[] | undefined): void => {
    onChange(withAnswer(answers, id, value));
  };

  return (
    <div class="form-view">
      {form.sections.map((section) => (
        <section key={section.id} class="form-section" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{localize(section.title, language)}</h2>
          {section.items.map((item) =>
            state.hidden.has(item.id) ? null : item.type === 'repeat' ? (
              <RepeatView key={item.id} repeat={item} rows={rowsOf(answers[item.id])} state={state} issues={issues} readOnly={readOnly} onChange={(rows) => setTop(item.id, rows.length === 0 ? undefined : rows)} />
            ) : (
              <ItemInput key={item.id} item={item} path={item.id} value={answers[item.id]} issue={issues.get(item.id)} readOnly={readOnly} onChange={(value) => setTop(item.id, value)} />
            ),
          )}
        </section>
      ))}
    </div>
  );
}

/** A copy with one answer set, or removed when cleared: an empty answer is no answer. */
function withAnswer<V>(answers: Readonly<Record<string, V>>, id: string, value: V | undefined): Record<string, V> {
  const next = Object.fromEntries(Object.entries(answers).filter(([key]) => key !== id));
  if (value !== undefined) next[id] = value;
  return next;
}

function rowsOf(value: Answers[string] | undefined): readonly RepeatRow[] {
  return Array.isArray(value) && value.every((row) => typeof row === 'object') ? (value as readonly RepeatRow[]) : [];
}

interface RepeatViewProps {
  readonly repeat: RepeatItem;
  readonly rows: readonly RepeatRow[];
  readonly state: FormState;
  readonly issues: ReadonlyMap<string, AnswerIssue>;
  readonly readOnly: boolean;
  readonly onChange: (rows: readonly RepeatRow[]) => void;
}

/** Repeated rows (witnesses, evidence, motions): add, remove and reorder; each row keeps its id. */
function RepeatView({ repeat, rows, state, issues, readOnly, onChange }: RepeatViewProps) {
  const { t, language } = useI18n();
  const label = localize(repeat.label, language);
  const setRow = (index: number, item: FieldItem, value: FieldValue | undefined): void => {
    onChange(
      rows.map((row, i) => {
        if (i !== index) return row;
        return { ...withAnswer(row, item.id, value), _row: row._row };
      }),
    );
  };
  const move = (index: number, by: -1 | 1): void => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row !== undefined) next.splice(index + by, 0, row);
    onChange(next);
  };
  const issue = issues.get(repeat.id);
  return (
    <fieldset class="repeat" data-repeat={repeat.id}>
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
                <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`${t('removeRow')}: ${t('row')} ${index + 1}`}>
                  {t('removeRow')}
                </button>
              </span>
            )}
          </div>
          {repeat.items.map((item) => {
            const path = rowPath(repeat.id, row._row, item.id);
            return state.hidden.has(path) ? null : <ItemInput key={item.id} item={item} path={path} value={row[item.id]} issue={issues.get(path)} readOnly={readOnly} onChange={(value) => setRow(index, item, value)} />;
          })}
        </div>
      ))}
      {issue !== undefined && (
        <p class="issue" role="alert">
          {t(`issue.${issue.code}`, issue.limit === undefined ? {} : { limit: issue.limit })}
        </p>
      )}
      {!readOnly && rows.length < repeat.max && (
        <button type="button" onClick={() => onChange([...rows, { _row: uuidv7() }])}>
          + {t('addRow')}: {label}
        </button>
      )}
    </fieldset>
  );
}
