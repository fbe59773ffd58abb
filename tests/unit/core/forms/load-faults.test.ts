import { describe, expect, it } from 'vitest';
import { FORM_FAULTS, formatFormFault, type FormFaultCode } from '../../../../src/core/forms/load-faults.ts';
import { loadForm } from '../../../../src/core/forms/load-form.ts';
import { KNOWN_RIGHTS, patched, smallForm } from './fixtures.ts';

describe('the form loader’s faults as codes', () => {
  it('gives each fault of a broken form its key and parameters, and the English forms:check prints', () => {
    const broken = patched(patched(patched(smallForm(), '/id', 'Not An Id'), '/sections/0/items/1/id', 'admitted'), '/sections/0/items/0/colour', 'red');
    const result = loadForm(broken, { knownRights: KNOWN_RIGHTS });
    if (result.ok) throw new Error('the broken form should not load');
    const faults = result.errors.map(({ path, code, params }) => ({ path, code, params }));
    expect(faults).toContainEqual({ path: '/id', code: 'bad_form_id', params: {} });
    expect(faults).toContainEqual({ path: '/sections/0/items/0/colour', code: 'unknown_property', params: { key: 'colour' } });
    expect(faults).toContainEqual(expect.objectContaining({ path: '/sections/0/items/1/id', code: 'duplicate_item_id' }));
    for (const fault of result.errors) expect(fault.message).toBe(formatFormFault(fault.code, fault.params));
    expect(result.errors.find((f) => f.code === 'unknown_property')?.message).toBe('unknown property "colour"');
  });

  it('says a fault against the generated schema by the input fault’s kind', () => {
    expect(formatFormFault('not_as_schema', { kind: 'too_long', max: 200 })).toBe('does not match forms/schema.json: at most 200 characters');
  });

  it('fills every template, leaving the JSON examples in braces as they are', () => {
    for (const [code, template] of Object.entries(FORM_FAULTS)) {
      const params = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] ?? '', 'x']));
      expect(formatFormFault(code as FormFaultCode, params), code).not.toMatch(/\{\w+\}/);
    }
    expect(formatFormFault('text_not_object')).toContain('{"en": "...", "ru": "..."}');
  });
});
