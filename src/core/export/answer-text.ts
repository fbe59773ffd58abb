import type { AnswerValue } from '../forms/answers.ts';
import { localize, type Choice, type FieldItem } from '../forms/types.ts';
import { num, text, EMPTY, type Cell } from './table.ts';

/** The observation scale in the languages exports are written in; other languages fall back to English. */
const SCALE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: { yes: 'Yes', no: 'No', partly: 'Partly', not_observed: 'Not observed', not_applicable: 'Not applicable' },
  ru: { yes: 'Да', no: 'Нет', partly: 'Частично', not_observed: 'Не видел(а) / не слышал(а)', not_applicable: 'Неприменимо' },
};

function choiceLabel(choices: readonly Choice[], value: string, language: string): string {
  return localize(choices.find((c) => c.value === value)?.label, language) || value;
}

/** One answer as a spreadsheet cell, in words a reader understands (choice labels, not codes). */
export function answerCell(item: FieldItem, value: AnswerValue | undefined, language: string): Cell {
  if (value === undefined) return EMPTY;
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') {
    if (item.type === 'scale') return text(SCALE_LABELS[language]?.[value] ?? SCALE_LABELS['en']?.[value] ?? value);
    if (item.type === 'single') return text(choiceLabel(item.choices, value, language));
    return text(value);
  }
  const strings = value.filter((v): v is string => typeof v === 'string');
  if (item.type === 'multiple') return text(strings.map((v) => choiceLabel(item.choices, v, language)).join('; '));
  return text(strings.join('; '));
}
