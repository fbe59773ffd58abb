// The "count" condition: a concern rule that rests on a pattern across the rows of a repeat.
import { describe, expect, it } from 'vitest';
import type { RepeatRow } from '../../../../src/core/forms/answers.ts';
import { computeFindings } from '../../../../src/core/forms/findings.ts';
import { loadForm, type FormError } from '../../../../src/core/forms/load-form.ts';
import { mustLoad, text, type Json } from './fixtures.ts';

const KNOWN = new Set(['iccpr-14-1']);
const GRANTED_FOR_PROSECUTION = { all: [{ field: 'by', equals: 'prosecution' }, { field: 'ruling', equals: 'granted' }] };

/** Motions with a rule on the ruling: a defence motion refused while the prosecution has one granted. */
function motionsForm(when: unknown = { all: [{ field: 'by', equals: 'defence' }, { equals: 'refused' }, { count: 'motions', where: GRANTED_FOR_PROSECUTION, gte: 1 }] }): Json {
  const choice = (value: string): Json => ({ value, label: text(value) });
  return {
    id: 'motions',
    version: 1,
    level: 'hearing',
    languages: ['en', 'ru'],
    title: text('Motions'),
    sections: [
      {
        id: 'main',
        title: text('Main'),
        items: [
          { id: 'asked', type: 'scale', label: text('Were motions made?') },
          {
            id: 'motions',
            type: 'repeat',
            label: text('Motions'),
            items: [
              { id: 'by', type: 'single', label: text('By'), choices: [choice('prosecution'), choice('defence')] },
              { id: 'ruling', type: 'single', label: text('Ruling'), choices: [choice('granted'), choice('refused')], concern: { when, rights: ['iccpr-14-1'], severity: 'medium' } },
              { id: 'reasons', type: 'scale', label: text('Reasons?'), relevant: { field: 'ruling', equals: 'refused' } },
            ],
          },
        ],
      },
    ],
  };
}

function faults(form: Json): readonly FormError[] {
  const result = loadForm(form, { knownRights: KNOWN });
  return result.ok ? [] : result.errors.map(({ path, message }) => ({ path, message }));
}

const RULE = '/sections/0/items/1/items/1/concern/when';

describe('count: evaluation', () => {
  const form = mustLoad(motionsForm(), { knownRights: KNOWN });
  const rows = (...pairs: [string, string][]): RepeatRow[] => pairs.map(([by, ruling], i) => ({ _row: `m${i + 1}`, by, ruling }));

  it('flags each refused defence motion once the prosecution has a motion granted', () => {
    const answers = { motions: rows(['defence', 'refused'], ['prosecution', 'granted'], ['defence', 'refused']) };
    expect(computeFindings(form, answers).map((f) => f.rowId)).toEqual(['m1', 'm3']);
  });

  it('flags nothing while no prosecution motion was granted', () => {
    const answers = { motions: rows(['defence', 'refused'], ['prosecution', 'refused']) };
    expect(computeFindings(form, answers)).toEqual([]);
  });

  it('compares with the number given', () => {
    const twice = mustLoad(motionsForm({ all: [{ equals: 'refused' }, { count: 'motions', where: { field: 'ruling', equals: 'refused' }, gt: 1 }] }), { knownRights: KNOWN });
    expect(computeFindings(twice, { motions: rows(['defence', 'refused']) })).toEqual([]);
    expect(computeFindings(twice, { motions: rows(['defence', 'refused'], ['prosecution', 'refused']) }).map((f) => f.rowId)).toEqual(['m1', 'm2']);
  });
});

describe('count: what the loader refuses, with the path', () => {
  it('a count outside a concern rule (visibility never rests on other rows)', () => {
    const form = motionsForm();
    const items = ((form['sections'] as Json[])[0]?.['items'] as Json[])[1]?.['items'] as Json[];
    (items[2] as Json)['relevant'] = { count: 'motions', where: GRANTED_FOR_PROSECUTION, gte: 1 };
    expect(faults(form)).toEqual([{ path: '/sections/0/items/1/items/2/relevant/count', message: '"count" may only be used in a concern rule\'s "when"' }]);
  });

  it('a count of something that is not a repeat', () => {
    expect(faults(motionsForm({ count: 'asked', where: GRANTED_FOR_PROSECUTION, gte: 1 }))).toEqual([
      { path: `${RULE}/count`, message: '"count" names a repeat item of the form; "asked" is not one' },
    ]);
  });

  it('a "where" that reads outside the counted rows, or an item shown only under a condition', () => {
    expect(faults(motionsForm({ count: 'motions', where: { field: 'asked', equals: 'yes' }, gte: 1 }))).toEqual([
      { path: `${RULE}/where`, message: '"asked" is not an item of "motions": "where" reads only the counted rows' },
    ]);
    expect(faults(motionsForm({ count: 'motions', where: { field: 'reasons', equals: 'no' }, gte: 1 }))).toEqual([
      { path: `${RULE}/where`, message: '"reasons" is not always shown in its row; "where" may read only items without a condition of their own' },
    ]);
  });

  it('a count without a whole number to compare with, or without "where"', () => {
    const needsNumber = '"count" needs exactly one of gt, gte, lt, lte with a whole number of rows';
    expect(faults(motionsForm({ count: 'motions', where: GRANTED_FOR_PROSECUTION }))).toEqual([{ path: RULE, message: needsNumber }]);
    expect(faults(motionsForm({ count: 'motions', where: GRANTED_FOR_PROSECUTION, gte: 1.5 }))).toEqual([{ path: RULE, message: needsNumber }]);
    expect(faults(motionsForm({ count: 'motions', gte: 1 }))).toEqual([{ path: `${RULE}/where`, message: '"count" needs "where": the condition each counted row must meet' }]);
    expect(faults(motionsForm({ count: 'motions', where: GRANTED_FOR_PROSECUTION, gte: 1, colour: 'red' }))).toEqual([{ path: `${RULE}/colour`, message: 'unknown property "colour"' }]);
  });
});
