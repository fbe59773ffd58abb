import { isRepeatRows, type Answers, type FieldValue } from '../../core/forms/answers.ts';

/** A copy with one answer set, or removed when cleared: an empty answer is no answer. */
export function withAnswer<V>(answers: Readonly<Record<string, V>>, id: string, value: V | undefined): Record<string, V> {
  const next = Object.fromEntries(Object.entries(answers).filter(([key]) => key !== id));
  if (value !== undefined) next[id] = value;
  return next;
}

/**
 * Sets the answer at a path: "itemId", or "repeatId.rowId.itemId" inside a repeat row (the row is found
 * by its id, so a row moved meanwhile still gets the right answer). An unknown row changes nothing.
 */
export function setAnswerAt(answers: Answers, path: string, value: FieldValue | undefined): Answers {
  const parts = path.split('.');
  if (parts.length !== 3) return withAnswer(answers, path, value);
  const [repeatId = '', rowId, itemId = ''] = parts;
  const rows = answers[repeatId];
  if (!isRepeatRows(rows) || !rows.some((row) => row._row === rowId)) return answers;
  return withAnswer(
    answers,
    repeatId,
    rows.map((row) => (row._row === rowId ? { ...withAnswer(row, itemId, value), _row: row._row } : row)),
  );
}
