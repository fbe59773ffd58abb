import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formatError, type ErrorParams } from '../../../../src/core/api/error-codes.ts';
import { formatInputIssue, INPUT_ISSUES, inputFaults, type InputIssue } from '../../../../src/core/api/input-issues.ts';
import { CalendarDate, Text } from '../../../../src/core/sync/text.ts';

const faults = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? [] : inputFaults(result.issues).map(({ path, code, params }) => ({ path, code, params }));
};

describe('input faults as stable keys with their limits', () => {
  it('names each kind of valibot fault by a key of the catalogue, with the limit it broke', () => {
    const schema = v.strictObject({
      name: v.pipe(v.string(), v.minLength(2, 'English'), v.maxLength(64, 'English')),
      tags: v.pipe(v.array(v.string()), v.maxLength(2)),
      count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9)),
      id: v.pipe(v.string(), v.uuid()),
      day: CalendarDate,
      text: Text,
      kind: v.picklist(['a', 'b']),
      flag: v.boolean(),
      slug: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
      required: v.string(),
    });
    const input = { name: 'x'.repeat(65), tags: ['a', 'b', 'c'], count: 1.5, id: 'nope', day: '2026-02-30', text: 'a\u0000b', kind: 'c', flag: 'yes', slug: 'A', stray: 1 };
    expect(faults(schema, input)).toEqual([
      { path: 'name', code: 'too_long', params: { max: 64 } },
      { path: 'tags', code: 'too_many', params: { max: 2 } },
      { path: 'count', code: 'not_integer', params: {} },
      { path: 'id', code: 'not_uuid', params: {} },
      { path: 'day', code: 'no_such_date', params: {} },
      { path: 'text', code: 'unstorable_text', params: {} },
      { path: 'kind', code: 'not_allowed', params: {} },
      { path: 'flag', code: 'wrong_type', params: { expected: 'boolean' } },
      { path: 'slug', code: 'pattern', params: {} },
      { path: 'required', code: 'missing', params: {} },
      { path: 'stray', code: 'unknown_key', params: {} },
    ]);
    expect(faults(v.pipe(v.number(), v.minValue(3)), 1)).toEqual([{ path: '(body)', code: 'below_min', params: { min: 3 } }]);
    expect(faults(v.pipe(v.string(), v.minLength(3)), 'x')).toEqual([{ path: '(body)', code: 'too_short', params: { min: 3 } }]);
    expect(faults(v.pipe(v.string(), v.isoDate()), '20.11.2026')).toEqual([{ path: '(body)', code: 'not_a_date', params: {} }]);
    expect(faults(v.pipe(v.string(), v.check(() => false, 'a rule in English')), 'x')).toEqual([{ path: '(body)', code: 'not_valid', params: {} }]);
  });

  it('words every key in English with its parameters, and invalid_input with the first fault', () => {
    for (const [code, spec] of Object.entries(INPUT_ISSUES)) {
      const params = Object.fromEntries(Object.keys(spec.params).map((name) => [name, name === 'expected' ? 'number' : 7]));
      expect(formatInputIssue(code as InputIssue, params), code).not.toMatch(/\{\w+\}/);
    }
    expect(formatError('invalid_input', { part: 'case', path: 'code', issue: 'too_long', max: 64 } as ErrorParams<'invalid_input'>)).toBe('The case is not valid: code: at most 64 characters.');
  });
});
