// fast-check generators of answers that are valid for a loaded form, and of arbitrary edits to them.
import fc from 'fast-check';
import type { Answers, FieldValue, RepeatRow } from '../../../../src/core/forms/answers.ts';
import { SCALE_VALUES, type FieldItem, type Form, type RepeatItem } from '../../../../src/core/forms/types.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A value of the right type and shape for an item (it may still break bounds a condition sets). */
export function validValue(item: FieldItem): fc.Arbitrary<FieldValue> | undefined {
  switch (item.type) {
    case 'note':
      return undefined;
    case 'text':
    case 'longtext':
      return fc.string({ maxLength: Math.min(item.maxLength, 40) });
    case 'integer':
      return fc.integer({ min: item.min ?? -1000, max: item.max ?? 1000 });
    case 'date':
      return fc.record({ y: fc.integer({ min: 2000, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
    case 'time':
      return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);
    case 'scale':
      return fc.constantFrom(...SCALE_VALUES);
    case 'single':
      return fc.constantFrom(...item.choices.map((c) => c.value));
    case 'multiple':
      return fc.subarray(item.choices.map((c) => c.value));
    case 'attachment':
      return fc.array(fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`), { maxLength: item.max });
  }
}

function fieldsOf(items: readonly FieldItem[]): fc.Arbitrary<Partial<Record<string, FieldValue>>> {
  const model: Record<string, fc.Arbitrary<FieldValue>> = {};
  for (const item of items) {
    const value = validValue(item);
    if (value !== undefined) model[item.id] = value;
  }
  return fc.record(model, { requiredKeys: [] });
}

function rowsOf(repeat: RepeatItem, maxRows: number): fc.Arbitrary<RepeatRow[]> {
  return fc
    .array(fieldsOf(repeat.items), { maxLength: Math.min(repeat.max, maxRows) })
    .map((rows) => rows.map((row, index) => ({ ...row, _row: `row${index}` })));
}

/** Answers whose structure is valid for the form: known items, right types, options, unique row ids. */
export function validAnswers(form: Form, maxRows = 4): fc.Arbitrary<Answers> {
  const model: Record<string, fc.Arbitrary<FieldValue | RepeatRow[]>> = {};
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.type === 'repeat') model[item.id] = rowsOf(item, maxRows);
      else {
        const value = validValue(item);
        if (value !== undefined) model[item.id] = value;
      }
    }
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Answers>;
}

/** Any value the answer document's type allows, whether or not it suits the item. */
export const anyFieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom(...SCALE_VALUES, '', 'told', 'saw'),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** One edit of the kind the app makes: set or clear a top-level answer, or an answer in a row. */
export type Edit =
  | { readonly kind: 'set'; readonly item: number; readonly value: FieldValue | undefined }
  | { readonly kind: 'setInRow'; readonly repeat: number; readonly row: number; readonly item: number; readonly value: FieldValue | undefined }
  | { readonly kind: 'addRow'; readonly repeat: number }
  | { readonly kind: 'removeRow'; readonly repeat: number; readonly row: number };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), item: fc.nat(), value: fc.option(anyFieldValue, { nil: undefined }) }),
  fc.record({ kind: fc.constant('setInRow' as const), repeat: fc.nat(), row: fc.nat(), item: fc.nat(), value: fc.option(anyFieldValue, { nil: undefined }) }),
  fc.record({ kind: fc.constant('addRow' as const), repeat: fc.nat() }),
  fc.record({ kind: fc.constant('removeRow' as const), repeat: fc.nat(), row: fc.nat() }),
);

const pick = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

function without<T extends object>(record: T, key: string): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)) as T;
}

/** Applies an edit to an answers document, returning a new one (answers are immutable values). */
export function applyEdit(form: Form, answers: Answers, change: Edit): Answers {
  const top = form.sections.flatMap((s) => s.items);
  const repeats = top.filter((i): i is RepeatItem => i.type === 'repeat');
  const rowsNow = (id: string): RepeatRow[] => {
    const value = answers[id];
    return Array.isArray(value) ? [...(value as RepeatRow[])] : [];
  };
  switch (change.kind) {
    case 'set': {
      const item = pick(top.filter((i) => i.type !== 'repeat'), change.item);
      if (item === undefined) return answers;
      return change.value === undefined ? without(answers, item.id) : { ...answers, [item.id]: change.value };
    }
    case 'addRow': {
      const repeat = pick(repeats, change.repeat);
      if (repeat === undefined) return answers;
      const rows = rowsNow(repeat.id);
      return { ...answers, [repeat.id]: [...rows, { _row: `added${rows.length}-${Object.keys(answers).length}` }] };
    }
    case 'removeRow': {
      const repeat = pick(repeats, change.repeat);
      const rows = repeat === undefined ? [] : rowsNow(repeat.id);
      if (repeat === undefined || rows.length === 0) return answers;
      rows.splice(change.row % rows.length, 1);
      return { ...answers, [repeat.id]: rows };
    }
    case 'setInRow': {
      const repeat = pick(repeats, change.repeat);
      const rows = repeat === undefined ? [] : rowsNow(repeat.id);
      const item = repeat === undefined ? undefined : pick(repeat.items, change.item);
      const index = rows.length === 0 ? 0 : change.row % rows.length;
      const row = rows[index];
      if (repeat === undefined || item === undefined || row === undefined) return answers;
      rows[index] = (change.value === undefined ? without(row, item.id) : { ...row, [item.id]: change.value });
      return { ...answers, [repeat.id]: rows };
    }
  }
}
