import type { AnswerValue } from './answers.ts';
import { SCALE_VALUES, type FieldItem } from './types.ts';

export type ShapeCode = 'too_long' | 'not_integer' | 'bad_choice' | 'bad_date' | 'bad_time' | 'bad_attachment' | 'too_many_files' | 'wrong_type' | 'unknown_field';

/** An attachment reference: the SHA-256 of the file's bytes, which the blob store is keyed by. */
export const ATTACHMENT_REF = /^sha256:[0-9a-f]{64}$/;

/** The forms of date and time answers (and of comparison literals in conditions). */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A YYYY-MM-DD that names a real day: 2026-02-30 has the form but not the day. */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isStringList(value: AnswerValue): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** What is wrong with the type or form of an answer, whatever the conditions say. */
export function shapeIssue(item: FieldItem, value: AnswerValue | undefined): { code: ShapeCode; limit?: number } | undefined {
  if (value === undefined) return undefined;
  switch (item.type) {
    case 'note':
      return { code: 'unknown_field' };
    case 'text':
    case 'longtext':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return value.length > item.maxLength ? { code: 'too_long', limit: item.maxLength } : undefined;
    case 'integer':
      if (typeof value !== 'number') return { code: 'wrong_type' };
      return Number.isSafeInteger(value) ? undefined : { code: 'not_integer' };
    case 'date':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return value === '' || isCalendarDate(value) ? undefined : { code: 'bad_date' };
    case 'time':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return value === '' || TIME.test(value) ? undefined : { code: 'bad_time' };
    case 'scale':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return value === '' || SCALE_VALUES.some((s) => s === value) ? undefined : { code: 'bad_choice' };
    case 'single':
      if (typeof value !== 'string') return { code: 'wrong_type' };
      return value === '' || item.choices.some((c) => c.value === value) ? undefined : { code: 'bad_choice' };
    case 'multiple':
      if (!isStringList(value)) return { code: 'wrong_type' };
      return value.every((v) => item.choices.some((c) => c.value === v)) ? undefined : { code: 'bad_choice' };
    case 'attachment':
      if (!isStringList(value)) return { code: 'wrong_type' };
      if (!value.every((v) => ATTACHMENT_REF.test(v))) return { code: 'bad_attachment' };
      return value.length > item.max ? { code: 'too_many_files', limit: item.max } : undefined;
  }
}
