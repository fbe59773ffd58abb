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

/** Inside a row a name means this row's answer first, then the form's. */
export function rowLookup(repeatId: string, row: RepeatRow, inner: ReadonlyMap<string, FieldItem>, hidden: ReadonlySet<string>, top: AnswerLookup): AnswerLookup {
  return (field) => (inner.has(field) ? (hidden.has(rowPath(repeatId, row._row, field)) ? undefined : row[field]) : top(field));
}
