import { describe, expect, it } from 'vitest';
import { calendarDayOf, hearingDateOf } from '../../../../src/core/forms/hearing-date.ts';
import { loadForm } from '../../../../src/core/forms/load-form.ts';
import { KNOWN_RIGHTS, mustLoad, patched, shippedForm, smallForm, text, type Json } from './fixtures.ts';

const ITEMS = '/sections/0/items';

function withDate(extra: Json): Json {
  return patched(smallForm(), `${ITEMS}/9`, { id: 'sitting_day', type: 'date', label: text('Day of the sitting'), ...extra });
}

function faultsOf(form: Json): { path: string; message: string }[] {
  const result = loadForm(form, { knownRights: KNOWN_RIGHTS });
  if (result.ok) throw new Error('expected the form to be rejected');
  return result.errors.map(({ path, message }) => ({ path, message }));
}

describe('the hearing-date role', () => {
  it('names the date item a form declares, whatever its id', () => {
    expect(mustLoad(withDate({ role: 'hearing_date' })).hearingDateItem).toBe('sitting_day');
    expect(mustLoad(withDate({})).hearingDateItem).toBeUndefined();
  });

  it('is declared by the shipped hearing form, and read from the table for versions published before roles', () => {
    expect(shippedForm('hearing.json').hearingDateItem).toBe('hearing_date');
    expect(shippedForm('hearing@1.json').hearingDateItem).toBe('hearing_date');
    expect(shippedForm('pretrial-detention.json').hearingDateItem).toBe('hearing_date');
    expect(shippedForm('incident.json').hearingDateItem).toBeUndefined();
  });

  it('refuses a second item with the role, a row item with it, and the role on another type', () => {
    const twice = patched(withDate({ role: 'hearing_date' }), `${ITEMS}/10`, { id: 'other_day', type: 'date', role: 'hearing_date', label: text('Other') });
    expect(faultsOf(twice)).toContainEqual({ path: `${ITEMS}/10/role`, message: expect.stringMatching(/"sitting_day" already has role "hearing_date"/) as unknown });
    const inRow = patched(smallForm(), `${ITEMS}/6/items/4`, { id: 'row_day', type: 'date', role: 'hearing_date', label: text('Day') });
    expect(faultsOf(inRow)).toContainEqual({ path: `${ITEMS}/6/items/4/role`, message: expect.stringMatching(/inside repeat "rows"/) as unknown });
    expect(faultsOf(patched(smallForm(), `${ITEMS}/2/role`, 'hearing_date'))).toContainEqual({ path: `${ITEMS}/2/role`, message: '"role" does not apply to a time item' });
    expect(faultsOf(withDate({ role: 'judgment_date' }))).toContainEqual({ path: `${ITEMS}/9/role`, message: 'role must be one of hearing_date' });
  });
});

describe('hearingDateOf', () => {
  it('is the answered hearing date when it is a real day, else the day the report was started', () => {
    expect(hearingDateOf('sitting_day', { sitting_day: '2026-03-02' }, '2026-03-09')).toBe('2026-03-02');
    expect(hearingDateOf('sitting_day', { sitting_day: '2026-02-30' }, '2026-03-09')).toBe('2026-03-09');
    expect(hearingDateOf('sitting_day', {}, '2026-03-09')).toBe('2026-03-09');
    // Another date item is not the hearing date, whatever its id says.
    expect(hearingDateOf(undefined, { hearing_date: '2026-03-02' }, '2026-03-09')).toBe('2026-03-09');
  });
});

describe('calendarDayOf', () => {
  const evening = new Date('2026-03-10T03:30:00Z');
  it('is the local day west of Greenwich in the evening, when UTC is already on the next day', () => {
    expect(calendarDayOf(evening, 300)).toBe('2026-03-09'); // 22:30 in New York (UTC-5)
    expect(calendarDayOf(evening, 0)).toBe('2026-03-10');
    expect(calendarDayOf(new Date('2026-03-09T20:30:00Z'), -360)).toBe('2026-03-10'); // 02:30 in Bishkek (UTC+6)
  });
});
