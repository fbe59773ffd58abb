import * as v from 'valibot';
import { isCalendarDate } from '../forms/answer-shape.ts';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string can be stored as it was written: PostgreSQL refuses NUL in text (a 500, and a push
 * retried forever would block the phone's outbox behind it), and a lone UTF-16 surrogate has no UTF-8
 * form, so it would be stored altered (as U+FFFD). Neither is ever typed by a person.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Every string a person or a device sends: the base of each textual field of the shared schemas. */
export const Text = v.pipe(v.string(), v.check(isStorableText, 'must not contain a NUL character or a broken Unicode character (a lone surrogate)'));

/** A date as YYYY-MM-DD that is a day of the calendar. */
export const CalendarDate = v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'), v.check(isCalendarDate, 'must be a day of the calendar (there is no such date)'));
