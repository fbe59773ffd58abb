// Bad input for forms: a rule that names an unknown right or gates on an unknown stage is refused with its path.
import { describe, expect, it } from 'vitest';
import { loadForm, type FormError } from '../../../../src/core/forms/load-form.ts';
import { patched, readJson, STANDARDS, type Json } from './fixtures.ts';

const hearing = readJson('hearing.json') as Json;
const knownRights = new Set(STANDARDS.rights.map((r) => r.id));

/** The JSON Pointer of an item in the author's file, found by id so the test survives reordering. */
function pointerOf(id: string): string {
  const sections = hearing['sections'] as { items: { id: string; items?: { id: string }[] }[] }[];
  for (const [s, section] of sections.entries()) {
    for (const [i, item] of section.items.entries()) {
      if (item.id === id) return `/sections/${s}/items/${i}`;
      const inner = item.items?.findIndex((x) => x.id === id) ?? -1;
      if (inner >= 0) return `/sections/${s}/items/${i}/items/${inner}`;
    }
  }
  throw new Error(`hearing.json has no item ${id}`);
}

function faults(form: Json): readonly FormError[] {
  const result = loadForm(form, { knownRights });
  return result.ok ? [] : result.errors.map(({ path, message }) => ({ path, message }));
}

describe('the hearing form refuses bad rules with the path to the fault', () => {
  it('loads as shipped', () => {
    expect(faults(hearing)).toEqual([]);
  });

  it('a rule naming a right the catalogue does not have', () => {
    const at = `${pointerOf('restraint')}/concern/rights/1`;
    expect(faults(patched(hearing, at, 'iccpr-77'))).toEqual([{ path: at, message: 'unknown right "iccpr-77": add it to forms/standards.json or fix the id' }]);
  });

  it('a question gated on a stage the hearing form does not offer', () => {
    const at = `${pointerOf('silence_informed')}/relevant`;
    const broken = patched(hearing, at, { any: [{ field: 'stages', answered: false }, { field: 'stages', in: ['preparatory', 'sentencing'] }] });
    expect(faults(broken)).toEqual([
      { path: `${at}/any/1/in/1`, message: '"sentencing" is not an option of "stages" (options: preparatory, evidence, closing_arguments, last_word, verdict, adjourned)' },
    ]);
  });

  it('a section gated on a stage the hearing form does not offer', () => {
    const sections = hearing['sections'] as { id: string }[];
    const at = `/sections/${sections.findIndex((s) => s.id === 'closing')}/relevant`;
    expect(faults(patched(hearing, at, { field: 'stages', equals: 'sentencing' }))).toEqual([
      { path: `${at}/equals`, message: '"sentencing" is not an option of "stages" (options: preparatory, evidence, closing_arguments, last_word, verdict, adjourned)' },
    ]);
  });
});
