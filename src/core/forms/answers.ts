/**
 * The answers of one report: one JSON document keyed by item id.
 * A repeat holds an array of rows; each row carries a stable `_row` id so that reordering rows,
 * comments pinned to a row and findings keep pointing at the same witness or evidence item.
 */

export type FieldValue = string | number | readonly string[];

export interface RepeatRow {
  readonly _row: string;
  readonly [itemId: string]: FieldValue;
}

export type AnswerValue = FieldValue | readonly RepeatRow[];

export type Answers = Readonly<Record<string, AnswerValue>>;

/** True when an answer counts as given: empty strings and empty selections do not. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  return value.length > 0;
}

export function isRepeatRows(value: AnswerValue | undefined): value is readonly RepeatRow[] {
  return Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null);
}
