import './form.css';
import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Answers, FieldValue, RepeatRow } from '../../core/forms/answers.ts';
import type { AnswerIssue, FormState } from '../../core/forms/evaluate.ts';
import { NOTHING_KEY, nothingSections } from '../../core/forms/nothing-to-record.ts';
import { localize, type Form, type RepeatItem } from '../../core/forms/types.ts';
import { uuidv7 } from 'uuidv7';
import type { QuickNote } from '../db/records.ts';
import { formatTime } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { sectionShown } from './form-progress.ts';
import { ItemSlot } from './item-slot.tsx';
import type { PinnedComment } from './pinned-comments.tsx';
import { QuickNotes } from './quick-notes.tsx';
import { RepeatView } from './repeat-view.tsx';
import { registerMountAll } from './section-mount.ts';
import { codeItem, nextCode, noteItem } from './row-title.ts';
import { setAnswerAt, withAnswer } from './set-answer.ts';

export interface FormViewProps {
  readonly form: Form;
  readonly answers: Answers;
  readonly state: FormState;
  readonly readOnly: boolean;
  /** Show "required" messages (after a first try to finalise); other issues show as soon as they arise. */
  readonly showRequired: boolean;
  readonly onChange: (answers: Answers) => void;
  /** Comments pinned to answers, by answer path: shown beside the answer. */
  readonly comments?: ReadonlyMap<string, readonly PinnedComment[]>;
}

/**
 * The form, rendered again only when what it shows changed. The report screen renders again whenever its
 * live report does, and autosave changes the stored report on every keystroke: without this, each save
 * would diff the whole form a second time, on the main thread, while the next keystroke's save waits
 * (bench:observer, step 3). onChange is left out of the comparison: a new closure on every render of the
 * screen, it is read at call time instead. A class for shouldComponentUpdate, as ItemSlot (no preact/compat).
 */
export class FormView extends Component<FormViewProps> {
  override shouldComponentUpdate(next: FormViewProps): boolean {
    const prev = this.props;
    return !(
      prev.form === next.form &&
      prev.answers === next.answers &&
      prev.state === next.state &&
      prev.readOnly === next.readOnly &&
      prev.showRequired === next.showRequired &&
      prev.comments === next.comments
    );
  }

  private readonly changed = (answers: Answers): void => this.props.onChange(answers);

  override render() {
    return <FormBody {...this.props} onChange={this.changed} />;
  }
}

/**
 * Renders a whole form from the engine's state: visible items only, with their issues. Every question
 * gets a change handler that stays the same from render to render (cached per path, reading the newest
 * answers through a ref), so a keystroke re-renders the question typed in, not the whole form.
 * Every section's title and tools are there at once; its questions are built a screen's worth before the
 * first paint and a few more after each paint (section-mount.ts), so opening a report does not build 200
 * questions before showing the first. What is added is below the fold: it moves nothing the observer sees.
 */
function FormBody({ form, answers, state, readOnly, showRequired, onChange, comments }: FormViewProps) {
  const { t, language } = useI18n();
  const latest = useRef({ answers, onChange });
  latest.current = { answers, onChange };
  const handlers = useRef(new Map<string, (value: FieldValue | undefined) => void>());
  const rowHandlers = useRef(new Map<string, (rows: readonly RepeatRow[]) => void>());

  const handlerFor = (path: string): ((value: FieldValue | undefined) => void) => {
    let handler = handlers.current.get(path);
    if (handler === undefined) {
      handler = (value) => latest.current.onChange(setAnswerAt(latest.current.answers, path, value));
      handlers.current.set(path, handler);
    }
    return handler;
  };
  const rowsHandlerFor = (repeatId: string): ((rows: readonly RepeatRow[]) => void) => {
    let handler = rowHandlers.current.get(repeatId);
    if (handler === undefined) {
      handler = (rows) => latest.current.onChange(withAnswer(latest.current.answers, repeatId, rows.length === 0 ? undefined : rows));
      rowHandlers.current.set(repeatId, handler);
    }
    return handler;
  };

  const marked = nothingSections(answers);
  // How many questions to build (section-mount.ts): a screen's worth before the first paint, more after each
  // paint (a Preact effect runs after the frame) until the whole form is built. Hidden questions cost nothing.
  const [budget, setBudget] = useState(QUESTIONS_AT_FIRST_PAINT);
  let left = budget;
  const take = (cost: number): boolean => {
    if (left <= 0) return false;
    left -= cost;
    return true;
  };
  const complete = useRef(false);
  // Once all is built, so it stays: a row added or a section brought back never pushes a question out.
  useEffect(() => {
    setBudget(complete.current ? Number.POSITIVE_INFINITY : budget + QUESTIONS_PER_FRAME);
  }, [budget]);
  useEffect(() => registerMountAll(() => setBudget(Number.POSITIVE_INFINITY)), []);
  // "Nothing to record here": the section's id in the reserved _nothing list hides its items (and back).
  const markNothing = (sectionId: string, on: boolean): void => {
    const current = nothingSections(latest.current.answers);
    const next = on ? [...current, sectionId] : [...current].filter((id) => id !== sectionId);
    latest.current.onChange(withAnswer(latest.current.answers, NOTHING_KEY, next.length === 0 ? undefined : next));
  };

  // A quick note becomes a row of the section's first shown repeat: its code offered, its time and words in the row's notes.
  const noteToRow = (items: Form['sections'][number]['items']): { label: string; make: (note: QuickNote) => void } | undefined => {
    const repeat = items.find((item): item is RepeatItem => item.type === 'repeat' && !state.hidden.has(item.id));
    if (repeat === undefined) return undefined;
    const target = noteItem(repeat);
    if (target === undefined) return undefined;
    return {
      label: localize(repeat.label, language),
      make: (note) => {
        const rows = rowsOf(latest.current.answers[repeat.id]);
        if (rows.length >= repeat.max) return;
        const code = codeItem(repeat);
        const suggested = nextCode(repeat, rows);
        const row: RepeatRow = { _row: uuidv7(), ...(code !== undefined && suggested !== undefined ? { [code.id]: suggested } : {}), [target.id]: `${formatTime(note.at, language)} ${note.text}` };
        latest.current.onChange(withAnswer(latest.current.answers, repeat.id, [...rows, row]));
      },
    };
  };

  const issues = new Map<string, AnswerIssue>();
  for (const issue of state.issues) if (showRequired || (issue.code !== 'required' && issue.code !== 'too_few_rows')) issues.set(issue.path, issue);

  const view = (
    <div class="form-view">
      {form.sections.map((section) => {
        const title = localize(section.title, language);
        const shown = sectionShown(section, marked, state);
        // A section the stage of the hearing rules out is not shown at all (it did not happen today).
        if (shown === 'hidden') return null;
        return (
          <section key={section.id} id={`form-section-${section.id}`} class={`form-section${shown === 'nothing' ? ' nothing' : ''}`} aria-labelledby={`section-${section.id}`} data-section-shown={shown}>
            <h2 id={`section-${section.id}`} tabIndex={-1}>
              {title}
            </h2>
            {shown === 'nothing' ? (
              <p class="nothing-marked">
                <span>{t('nothingMarked')}</span>
                {!readOnly && (
                  <button type="button" onClick={() => markNothing(section.id, false)}>
                    {t('nothingUndo')}
                  </button>
                )}
              </p>
            ) : (
              <div class="section-tools">
                <QuickNotes sectionId={section.id} sectionTitle={title} toRow={readOnly ? undefined : noteToRow(section.items)} />
                {!readOnly && (
                  <button type="button" class="nothing-here" onClick={() => markNothing(section.id, true)}>
                    {t('nothingHere')}
                  </button>
                )}
              </div>
            )}
            {section.items.map((item) =>
              state.hidden.has(item.id) || !take(buildCost(item, answers)) ? null : item.type === 'repeat' ? (
                <RepeatView
                  key={item.id}
                  repeat={item}
                  rows={rowsOf(answers[item.id])}
                  state={state}
                  issues={issues}
                  readOnly={readOnly}
                  onRows={rowsHandlerFor(item.id)}
                  handlerFor={handlerFor}
                  comments={comments}
                />
              ) : (
                <ItemSlot key={item.id} item={item} path={item.id} value={answers[item.id]} issue={issues.get(item.id)} readOnly={readOnly} onChange={handlerFor(item.id)} comments={comments?.get(item.id)} />
              ),
            )}
          </section>
        );
      })}
    </div>
  );
  // Everything within the budget: no more to build after this paint.
  complete.current = left > 0;
  return view;
}

/** Questions built before the first paint: more than a 360 x 740 screen shows, fewer than the first section has. */
const QUESTIONS_AT_FIRST_PAINT = 10;
/** Questions built after each paint: about 10 ms of building at 4x CPU, so a tap waits at most that long. */
const QUESTIONS_PER_FRAME = 12;

/** What building an item costs in questions: a repeat builds its open row (the last, when the report opens). */
function buildCost(item: Form['sections'][number]['items'][number], answers: Answers): number {
  return item.type === 'repeat' ? 1 + (rowsOf(answers[item.id]).length > 0 ? item.items.length : 0) : 1;
}

function rowsOf(value: Answers[string] | undefined): readonly RepeatRow[] {
  return Array.isArray(value) && value.every((row) => typeof row === 'object') ? (value as readonly RepeatRow[]) : [];
}
