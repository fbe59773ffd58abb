import { isRepeatRows, type AnswerValue, type Answers, type RepeatRow } from './answers.ts';
import type { AnswerLookup } from './conditions.ts';
import type { FieldItem } from './types.ts';

/** The path of an answer inside a repeat row, as used in hidden sets, issues and findings. */
export function rowPath(repeatId: string, rowId: string, itemId: string): string {
  return `${repeatId}.${rowId}.${itemId}`;
}

export function rowsOf(value: AnswerValue | undefined): readonly RepeatRow[] {
  return isRepeatRows(value) ? value : [];
}

/** Answers as conditions read them once visibility is known: a hidden item reads as unanswered. */
export function topLookup(answers: Answers, hidden: ReadonlySet<string>): AnswerLookup {
  return (field) => (hidden.has(field) ? undefined : answers[field]);
}

/** The key of a row in FormState.hiddenInRows. */
export function rowKey(repeatId: string, rowId: string): string {
  return `${repeatId}.${rowId}`;
}

const NONE: ReadonlySet<string> = new Set();

/** The ids of a row's hidden items (none when the row is unknown). */
export function hiddenInRow(hiddenInRows: ReadonlyMap<string, ReadonlySet<string>>, repeatId: string, rowId: string): ReadonlySet<string> {
  return hiddenInRows.get(rowKey(repeatId, rowId)) ?? NONE;
}

/**
 * Inside a row a name means this row's answer first, then the form's. Hidden items are looked up by id
 * in the row's own set: building "repeat.row.item" strings on every lookup cost more than everything else.
 */
export function rowLookup(row: RepeatRow, inner: ReadonlyMap<string, FieldItem>, hidden: ReadonlySet<string>, top: AnswerLookup): AnswerLookup {
  return (field) => (inner.has(field) ? (hidden.has(field) ? undefined : row[field]) : top(field));
}
