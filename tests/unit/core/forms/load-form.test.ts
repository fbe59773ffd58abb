import { describe, expect, it } from 'vitest';
import { loadForm, type FormError } from '../../../../src/core/forms/load-form.ts';
import type { FieldItem, Item } from '../../../../src/core/forms/types.ts';
import { KNOWN_RIGHTS, mustLoad, patched, smallForm, text, type Json } from './fixtures.ts';

const ITEMS = '/sections/0/items';
const ROW_ITEMS = `${ITEMS}/6/items`;

function errorsOf(input: unknown): readonly FormError[] {
  const result = loadForm(input, { knownRights: KNOWN_RIGHTS });
  if (result.ok) throw new Error('expected the form to be rejected');
  // The English of each fault, as forms:check prints it (its code and parameters: load-faults.test.ts).
  return result.errors.map(({ path, message }) => ({ path, message }));
}

function expectFault(input: unknown, path: string, message: string | RegExp): void {
  expect(errorsOf(input)).toContainEqual({ path, message: expect.stringMatching(message) as unknown });
}

/** Adds a language to every text of a form (objects with an "en" string), as an author translating it would. */
function withLanguage(form: Json, language: string): Json {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const object = node as Json;
    if (typeof object['en'] === 'string') return { ...object, [language]: `${language} ${object['en']}` };
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, visit(v)]));
  };
  return { ...(visit(form) as Json), languages: ['en', 'ru', language] };
}

describe('loadForm: the small fixture', () => {
  it('loads, adding the companions right after their item', () => {
    const form = mustLoad(smallForm());
    const ids = form.sections[0]?.items.map((i) => i.id);
    expect(ids?.slice(0, 5)).toEqual(['admitted', 'admitted_details', 'admitted_source', 'admitted_source_role', 'refused']);
    const admitted = form.sections[0]?.items[0];
    expect(admitted?.companions).toEqual({ details: 'admitted_details', source: 'admitted_source', sourceRole: 'admitted_source_role' });
  });

  it('builds the companions from the built-in wording, with the conditions that open them', () => {
    const items = new Map<string, Item>(mustLoad(smallForm()).sections[0]?.items.map((i) => [i.id, i]));
    const details = items.get('admitted_details');
    expect(details).toMatchObject({ type: 'longtext', required: false, companionOf: { item: 'admitted', role: 'details' } });
    expect(details?.label).toEqual({ en: 'What exactly happened?', ru: 'Что именно произошло?' });
    expect(details?.relevant).toEqual({
      kind: 'all',
      of: [
        { kind: 'answered', field: 'admitted', answered: true },
        { kind: 'in', field: 'admitted', values: ['no', 'partly'] },
      ],
    });
    const source = items.get('admitted_source');
    // Observed, except after a No that raises no concern (here No is a concern, so it is asked after No too).
    expect(source).toMatchObject({
      type: 'single',
      required: true,
      relevant: {
        kind: 'all',
        of: [
          { kind: 'in', field: 'admitted', values: ['yes', 'no', 'partly'] },
          { kind: 'not', of: { kind: 'all', of: [{ kind: 'equals', field: 'admitted', value: 'no' }, { kind: 'not', of: { kind: 'in', field: 'admitted', values: ['no', 'partly'] } }] } },
        ],
      },
    });
    expect(source?.type === 'single' && source.choices.map((c) => c.value)).toEqual(['saw', 'file', 'told']);
    expect(items.get('admitted_source_role')?.relevant).toEqual({ kind: 'equals', field: 'admitted_source', value: 'told' });
  });

  it('adds companions inside a repeat to the same repeat', () => {
    const rows = mustLoad(smallForm()).sections[0]?.items.find((i) => i.id === 'rows');
    expect(rows?.type === 'repeat' && rows.items.map((i: FieldItem) => i.id)).toEqual(['code', 'present', 'present_details', 'objected', 'refusals_noted']);
  });

  it('reads a concern without "field" as a test of the item itself, and comparisons against another item', () => {
    const items = mustLoad(smallForm()).sections[0]?.items ?? [];
    expect(items.find((i) => i.id === 'admitted')?.concern?.when).toEqual({ kind: 'in', field: 'admitted', values: ['no', 'partly'] });
    expect(items.find((i) => i.id === 'end')?.constraints?.[0]?.invalidWhen).toEqual({ kind: 'compare_field', field: 'end', op: 'lt', other: 'start' });
  });

  it('accepts a custom details label', () => {
    const form = mustLoad(patched(smallForm(), `${ITEMS}/0/details`, { label: text('Who was refused?') }));
    expect(form.sections[0]?.items[1]?.label).toEqual(text('Who was refused?'));
  });
});

describe('loadForm: one fault of each kind, with its path', () => {
  it('unknown field', () => {
    expectFault(patched(smallForm(), `${ITEMS}/1/relevant/field`, 'nope'), `${ITEMS}/1/relevant/field`, /unknown field "nope"/);
  });

  it('unknown right', () => {
    expectFault(patched(smallForm(), `${ITEMS}/0/concern/rights`, ['iccpr-99']), `${ITEMS}/0/concern/rights/0`, /unknown right "iccpr-99"/);
  });

  it('cycle', () => {
    const form = patched(smallForm(), `${ITEMS}/0/relevant`, { field: 'refused', answered: true });
    expectFault(form, `${ITEMS}/0/relevant`, 'condition cycle: admitted -> refused -> admitted');
  });

  it('cycle through a companion', () => {
    const form = patched(smallForm(), `${ITEMS}/0/relevant`, { field: 'admitted_details', answered: false });
    expectFault(form, `${ITEMS}/0/relevant`, /condition cycle: admitted -> admitted_details -> admitted/);
  });

  it('duplicate id', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/id`, 'refused'), `${ITEMS}/2/id`, /duplicate item id "refused" \(also at \/sections\/0\/items\/1;/);
  });

  it('duplicate id with a companion the loader adds', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/id`, 'admitted_source'), `${ITEMS}/2/id`, /duplicate item id "admitted_source" \(also at \/sections\/0\/items\/0\/source/);
  });

  it('bad option', () => {
    expectFault(patched(smallForm(), `${ITEMS}/1/relevant/in/1`, 'maybe'), `${ITEMS}/1/relevant/in/1`, /"maybe" is not an option of "admitted"/);
  });

  it('bad option of a choice item inside a concern', () => {
    expectFault(patched(smallForm(), `${ITEMS}/4/concern/when/in/0`, 'box'), `${ITEMS}/4/concern/when/in/0`, /"box" is not an option of "restraint" \(options: none, cage\)/);
  });

  it('unknown property', () => {
    expectFault(patched(smallForm(), `${ITEMS}/0/colour`, 'red'), `${ITEMS}/0/colour`, 'unknown property "colour"');
    expectFault(patched(smallForm(), '/owner', 'me'), '/owner', 'unknown property "owner"');
    expectFault(patched(smallForm(), `${ITEMS}/0/concern/weight`, 2), `${ITEMS}/0/concern/weight`, 'unknown property "weight"');
  });

  it('a property of another item type', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/maxLength`, 5), `${ITEMS}/2/maxLength`, '"maxLength" does not apply to a time item');
    expectFault(patched(smallForm(), `${ITEMS}/8/required`, true), `${ITEMS}/8/required`, '"required" does not apply to a note item');
  });

  it('missing translation', () => {
    expectFault(patched(smallForm(), `${ITEMS}/0/label/ru`, undefined), `${ITEMS}/0/label/ru`, 'missing ru text');
    expectFault(patched(smallForm(), `${ITEMS}/4/choices/1/label/ru`, ''), `${ITEMS}/4/choices/1/label/ru`, 'missing ru text');
    expectFault(patched(smallForm(), `${ITEMS}/3/constraints/0/message/ru`, undefined), `${ITEMS}/3/constraints/0/message/ru`, 'missing ru text');
  });

  it('a text in a language the form does not declare', () => {
    expectFault(patched(smallForm(), `${ITEMS}/0/help`, { en: 'x', ru: 'y', ky: 'z' }), `${ITEMS}/0/help/ky`, /language "ky" is not declared/);
  });

  it('a field of a repeat read from outside it', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/relevant`, { field: 'present', equals: 'yes' }), `${ITEMS}/2/relevant/field`, /inside repeat "rows"/);
  });

  it('a repeat tested with anything but "answered"', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/relevant`, { field: 'rows', equals: 'x' }), `${ITEMS}/2/relevant/equals`, /is a repeat/);
  });

  it('a comparison on an item that is not a number, date or time', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/relevant`, { field: 'restraint_why', gt: 1 }), `${ITEMS}/2/relevant/gt`, /compares integers, dates or times/);
    expectFault(patched(smallForm(), `${ITEMS}/2/relevant`, { field: 'end', gt: 3 }), `${ITEMS}/2/relevant/gt`, /needs a time as "HH:MM"/);
    expectFault(patched(smallForm(), `${ITEMS}/2/relevant`, { field: 'refused', gt: { field: 'start' } }), `${ITEMS}/2/relevant/gt/field`, /compare like with like/);
  });

  it('details without a concern', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/details`, true), `${ITEMS}/2/details`, /needs a "concern"/);
  });

  it('words that are not text items', () => {
    expectFault(patched(smallForm(), `${ITEMS}/4/concern/words`, ['refused']), `${ITEMS}/4/concern/words/0`, /words must name text items/);
  });

  it('an attachment kind that does not exist', () => {
    expectFault(patched(smallForm(), `${ITEMS}/7/accept`, ['photo', 'video']), `${ITEMS}/7/accept/1`, /"video" is not an attachment kind/);
  });

  it('an unknown item type or condition operator', () => {
    expectFault(patched(smallForm(), `${ITEMS}/2/type`, 'clock'), `${ITEMS}/2/type`, /unknown item type "clock"/);
    expectFault(patched(smallForm(), `${ITEMS}/1/relevant`, { field: 'admitted', like: 'y' }), `${ITEMS}/1/relevant/like`, /unknown condition operator "like"/);
  });

  it('reports every fault at once, not only the first', () => {
    let form = patched(smallForm(), `${ITEMS}/1/relevant/field`, 'nope');
    form = patched(form, `${ITEMS}/0/label/ru`, undefined);
    form = patched(form, '/version', 0);
    expect(errorsOf(form).map((e) => e.path)).toEqual(expect.arrayContaining(['/version', `${ITEMS}/0/label/ru`, `${ITEMS}/1/relevant/field`]));
  });

  it('rejects what is not a form', () => {
    expect(errorsOf([])).toEqual([{ path: '/', message: 'a form must be a JSON object' }]);
  });

  it('inner item ids are checked across the whole form', () => {
    expectFault(patched(smallForm(), `${ROW_ITEMS}/0/id`, 'start'), `${ROW_ITEMS}/0/id`, /duplicate item id "start"/);
  });
});

describe('loadForm: languages', () => {
  it('asks for the built-in wording in a language that has none', () => {
    const errors = errorsOf(withLanguage(smallForm(), 'ky'));
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/builtInText/ky/details', '/builtInText/ky/source', '/builtInText/ky/saw', '/builtInText/ky/role']),
    );
    expect(errors.find((e) => e.path === '/builtInText/ky/details')?.message).toMatch(/needed by \/sections\/0\/items\/0\/details/);
  });

  it('loads once the form supplies that wording', () => {
    const words = Object.fromEntries(['details', 'detailsHelp', 'source', 'saw', 'file', 'told', 'role', 'roleHelp'].map((k) => [k, `ky ${k}`]));
    const form = mustLoad({ ...withLanguage(smallForm(), 'ky'), builtInText: { ky: words } });
    expect(form.languages).toEqual(['en', 'ru', 'ky']);
    expect(form.sections[0]?.items[1]?.label).toEqual({ en: 'What exactly happened?', ru: 'Что именно произошло?', ky: 'ky details' });
  });

  it('folds a section condition into each of its items', () => {
    const form = patched(smallForm(), '/sections/0/relevant', { field: 'files', answered: true });
    const withSecond = { ...form, sections: [...(form['sections'] as Json[]), { id: 'later', title: text('Later'), relevant: { field: 'start', answered: true }, items: [{ id: 'late', type: 'text', label: text('Late') }] }] };
    const loaded = mustLoad(patched(withSecond, '/sections/0/relevant', undefined));
    expect(loaded.sections[1]?.relevant).toEqual({ kind: 'answered', field: 'start', answered: true });
    expect(loaded.sections[1]?.items[0]?.relevant).toEqual({ kind: 'answered', field: 'start', answered: true });
  });
});
