import { uuidv7 } from 'uuidv7';
import { isRepeatRows, type Answers, type AnswerValue, type RepeatRow } from '../../core/forms/answers.ts';
import { evaluateForm, rowPath } from '../../core/forms/evaluate.ts';
import { nothingSections } from '../../core/forms/nothing-to-record.ts';
import type { Form, RepeatItem, TimeItem } from '../../core/forms/types.ts';
import { sectionShown } from './form-progress.ts';
import { codeItem, nextCode } from './row-title.ts';
import { withAnswer } from './set-answer.ts';

/** The facts observers record in court with one tap (issue 14 part 3), in the order the bar shows them. */
export const FAST_PATH_IDS = ['witness_enters', 'witness_testifies', 'witness_leaves', 'allegation', 'motion', 'ruling', 'document_shown', 'document_referred'] as const;
export type FastPathId = (typeof FAST_PATH_IDS)[number];

interface FastPathSpec {
  /** The repeat whose rows hold the fact. */
  readonly repeat: string;
  /** The time item of the row that the tap fills with the device's clock. */
  readonly stamp: string;
  /** `add`: a new row (asks for nothing; the observer completes it later). `pick`: a row the observer chooses. */
  readonly mode: 'add' | 'pick';
  /** An answer that opens the repeat, set by the tap when the repeat is closed (an allegation row needs "an allegation was raised"). */
  readonly opens?: { readonly item: string; readonly value: string };
}

/**
 * Which item ids each fast path works on. The bar is driven by these ids, not by a form property: a form
 * that has the repeat and its time item gets the button (hearing@3 and later), others do not.
 */
const SPECS: Readonly<Record<FastPathId, FastPathSpec>> = {
  witness_enters: { repeat: 'witness_rows', stamp: 'witness_entered_at', mode: 'add' },
  witness_testifies: { repeat: 'witness_rows', stamp: 'witness_testified_at', mode: 'pick' },
  witness_leaves: { repeat: 'witness_rows', stamp: 'witness_left_at', mode: 'pick' },
  allegation: { repeat: 'allegation_rows', stamp: 'allegation_raised_at', mode: 'add', opens: { item: 'torture_allegation', value: 'yes' } },
  motion: { repeat: 'motion_rows', stamp: 'motion_made_at', mode: 'add' },
  ruling: { repeat: 'motion_rows', stamp: 'motion_ruled_at', mode: 'pick' },
  document_shown: { repeat: 'evidence_rows', stamp: 'evidence_shown_at', mode: 'add' },
  document_referred: { repeat: 'evidence_rows', stamp: 'evidence_referred_at', mode: 'add' },
};

/** A fast path the form supports: its repeat and time item found in the form. */
export interface FastPath {
  readonly id: FastPathId;
  readonly mode: 'add' | 'pick';
  readonly repeat: RepeatItem;
  readonly stamp: TimeItem;
  readonly opens?: FastPathSpec['opens'];
  /** The time an `add` path stamps, shown on a `pick` path's row chips ("W2 · 10:41"). */
  readonly addedAt?: string;
}

/** The fast paths this form has items for; none on a form without the time items (hearing@1 and @2, other checklists). */
export function fastPathsOf(form: Form): FastPath[] {
  const repeats = new Map<string, RepeatItem>();
  for (const section of form.sections) for (const item of section.items) if (item.type === 'repeat') repeats.set(item.id, item);
  const paths: FastPath[] = [];
  for (const id of FAST_PATH_IDS) {
    const spec = SPECS[id];
    const repeat = repeats.get(spec.repeat);
    const stamp = repeat?.items.find((item): item is TimeItem => item.id === spec.stamp && item.type === 'time');
    if (repeat === undefined || stamp === undefined) continue;
    const added = Object.values(SPECS).find((other) => other.repeat === spec.repeat && other.mode === 'add')?.stamp;
    paths.push({ id, mode: spec.mode, repeat, stamp, ...(spec.opens === undefined ? {} : { opens: spec.opens }), ...(added === undefined ? {} : { addedAt: added }) });
  }
  return paths;
}

export function rowsOf(answers: Answers, repeatId: string): readonly RepeatRow[] {
  const value = answers[repeatId];
  return isRepeatRows(value) ? value : [];
}

/** The rows a `pick` path can stamp: those that do not have its time yet (a time already there is corrected in the row). */
export function pickable(path: FastPath, answers: Answers): readonly RepeatRow[] {
  return rowsOf(answers, path.repeat.id).filter((row) => row[path.stamp.id] === undefined);
}

/** What a tap took back with Undo: the row added, or the time set and what was there before. */
export interface FastPathUndo {
  readonly repeat: string;
  readonly rowId: string;
  readonly added: boolean;
  readonly stamp: string;
  /** The answer the tap set to open the repeat, and what it was before (undefined: unanswered). */
  readonly opened?: { readonly item: string; readonly before: AnswerValue | undefined };
}

export type FastPathRefusal = { readonly reason: 'at_most'; readonly limit: number } | { readonly reason: 'not_shown' } | { readonly reason: 'no_row' };

export type FastPathResult = { readonly ok: true; readonly answers: Answers; readonly rowId: string; readonly undo: FastPathUndo } | ({ readonly ok: false } & FastPathRefusal);

/**
 * Records one fact: a new row stamped with `time` (an `add` path) or `time` in the chosen row (a `pick`
 * path), as one change of the answers, so one autosave. Refused, with the answers untouched, when the
 * row would not be shown (the stage of the day or "nothing to record here" hides it: a fact recorded
 * there would be out of sight), when the repeat is full, or when the chosen row is gone or already stamped.
 */
export function applyFastPath(form: Form, answers: Answers, path: FastPath, time: string, rowId?: string): FastPathResult {
  const rows = rowsOf(answers, path.repeat.id);
  let next: Answers;
  let target: string;
  let opened: FastPathUndo['opened'];
  if (path.mode === 'add') {
    const code = codeItem(path.repeat);
    const suggested = nextCode(path.repeat, rows);
    const row: RepeatRow = { _row: uuidv7(), ...(code !== undefined && suggested !== undefined ? { [code.id]: suggested } : {}), [path.stamp.id]: time };
    target = row._row;
    next = withAnswer(answers, path.repeat.id, [...rows, row]);
  } else {
    const row = rows.find((r) => r._row === rowId);
    if (row === undefined || row[path.stamp.id] !== undefined) return { ok: false, reason: 'no_row' };
    target = row._row;
    next = withAnswer(
      answers,
      path.repeat.id,
      rows.map((r) => (r._row === target ? { ...r, [path.stamp.id]: time } : r)),
    );
  }
  let shown = shownWith(form, next, path, target);
  if (!shown && path.mode === 'add' && path.opens !== undefined && next[path.opens.item] !== path.opens.value) {
    opened = { item: path.opens.item, before: answers[path.opens.item] };
    next = withAnswer(next, path.opens.item, path.opens.value);
    shown = shownWith(form, next, path, target);
  }
  // Out of sight first: a full repeat the observer cannot see would be the less helpful thing to say.
  if (!shown) return { ok: false, reason: 'not_shown' };
  if (path.mode === 'add' && rows.length >= path.repeat.max) return { ok: false, reason: 'at_most', limit: path.repeat.max };
  return { ok: true, answers: next, rowId: target, undo: { repeat: path.repeat.id, rowId: target, added: path.mode === 'add', stamp: path.stamp.id, ...(opened === undefined ? {} : { opened }) } };
}

/** Whether the row's time item is on screen with these answers: its section shown, not marked "nothing to record", the repeat and the item not hidden. */
function shownWith(form: Form, answers: Answers, path: FastPath, rowId: string): boolean {
  const state = evaluateForm(form, answers);
  const section = form.sections.find((s) => s.items.includes(path.repeat));
  if (section === undefined || sectionShown(section, nothingSections(answers), state) !== 'shown') return false;
  return !state.hidden.has(path.repeat.id) && !state.hidden.has(rowPath(path.repeat.id, rowId, path.stamp.id));
}

/**
 * Takes one tap back on the answers as they are now: the added row goes (with whatever was typed in it
 * since), or the time returns to empty; an answer the tap set to open the repeat returns to what it was.
 */
export function undoFastPath(answers: Answers, undo: FastPathUndo): Answers {
  const rows = rowsOf(answers, undo.repeat);
  const kept = undo.added
    ? rows.filter((r) => r._row !== undo.rowId)
    : rows.map((r) => (r._row === undo.rowId ? { ...withAnswer(r, undo.stamp, undefined), _row: r._row } : r));
  let next = withAnswer(answers, undo.repeat, kept.length === 0 ? undefined : kept);
  if (undo.opened !== undefined) next = withAnswer(next, undo.opened.item, undo.opened.before);
  return next;
}
