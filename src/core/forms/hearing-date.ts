import type { Answers } from './answers.ts';
import { isCalendarDate } from './answer-shape.ts';

/**
 * Forms published before items could declare a role. They can never change (id@version is immutable, and a
 * server keeps the copy it stored), so their hearing-date item is named here: the one the app read by id.
 */
const HEARING_DATE_BEFORE_ROLES: Readonly<Record<string, string>> = {
  'hearing@1': 'hearing_date',
  'hearing@2': 'hearing_date',
  'pretrial-detention@1': 'hearing_date',
  'pretrial-detention@2': 'hearing_date',
};

/** The hearing-date item of a form published before roles existed ("id@version"), if it has one. */
export function hearingDateItemBeforeRoles(formKey: string): string | undefined {
  return HEARING_DATE_BEFORE_ROLES[formKey];
}

/**
 * The hearing-date item of a stored definition read without loading it (the case page's form picker
 * starts reports without the form engine): the date item of a section that declares the role, else the
 * one named above for forms from before roles. The loader checks the same role fully (load-form.ts).
 */
export function hearingDateItemOfDefinition(definition: unknown, formKey: string): string | undefined {
  const sections = typeof definition === 'object' && definition !== null && 'sections' in definition ? definition.sections : undefined;
  for (const section of Array.isArray(sections) ? (sections as unknown[]) : []) {
    const items = typeof section === 'object' && section !== null && 'items' in section ? section.items : undefined;
    for (const item of Array.isArray(items) ? (items as unknown[]) : []) {
      if (typeof item !== 'object' || item === null || !('role' in item) || item.role !== 'hearing_date') continue;
      if ('id' in item && typeof item.id === 'string') return item.id;
    }
  }
  return hearingDateItemBeforeRoles(formKey);
}

/**
 * The calendar day ("YYYY-MM-DD") of an instant where the device is: `offsetMinutes` is what
 * Date#getTimezoneOffset returns there (UTC minus local time, 300 in New York in winter). A report started
 * at 22:30 in New York is on that evening's day, not on the next one that UTC has already reached.
 */
export function calendarDayOf(instant: Date, offsetMinutes = instant.getTimezoneOffset()): string {
  return new Date(instant.getTime() - offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The day a report is filed under: the answer of its form's hearing-date item (Form.hearingDateItem, the
 * date item declared with "role": "hearing_date") when that is a real day, else `startedOn`, the local
 * calendar day the report was started on (calendarDayOf on the device, never the UTC date).
 */
export function hearingDateOf(hearingDateItem: string | undefined, answers: Answers, startedOn: string): string {
  const answered = hearingDateItem === undefined ? undefined : answers[hearingDateItem];
  return typeof answered === 'string' && isCalendarDate(answered) ? answered : startedOn;
}
