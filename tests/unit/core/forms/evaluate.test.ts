import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../../src/core/forms/answers.ts';
import { evaluateForm, structuralIssues } from '../../../../src/core/forms/evaluate.ts';
import { mustLoad, patched, smallForm } from './fixtures.ts';

const form = mustLoad(smallForm());
const REF = `sha256:${'a'.repeat(64)}`;

describe('evaluateForm: visibility', () => {
  it('hides an item while its condition is false and shows it when it holds', () => {
    expect(evaluateForm(form, {}).hidden.has('refused')).toBe(true);
    expect(evaluateForm(form, { admitted: 'no' }).hidden.has('refused')).toBe(false);
  });

  it('opens the details companion only while the concern holds', () => {
    expect(evaluateForm(form, { admitted: 'yes' }).hidden.has('admitted_details')).toBe(true);
    expect(evaluateForm(form, { admitted: 'partly' }).hidden.has('admitted_details')).toBe(false);
  });

  it('asks how the monitor knows once the item is answered, but not for "not observed", and who told them only when told', () => {
    expect(evaluateForm(form, {}).hidden.has('admitted_source')).toBe(true);
    expect(evaluateForm(form, { admitted: 'not_observed' }).hidden.has('admitted_source')).toBe(true);
    const state = evaluateForm(form, { admitted: 'yes', admitted_source: 'saw' });
    expect(state.hidden.has('admitted_source')).toBe(false);
    expect(state.hidden.has('admitted_source_role')).toBe(true);
    expect(evaluateForm(form, { admitted: 'yes', admitted_source: 'told' }).hidden.has('admitted_source_role')).toBe(false);
  });

  it('reads a hidden item as unanswered, so what depends on it hides too, though its answer is kept', () => {
    // "refused" still holds 5 in the document, but "admitted" = yes hides it, and so the row item that reads it.
    const answers: Answers = { admitted: 'yes', refused: 5, rows: [{ _row: 'r1', code: 'W1' }] };
    const state = evaluateForm(form, answers);
    expect(state.hidden.has('refused')).toBe(true);
    expect(state.hidden.has('rows.r1.refusals_noted')).toBe(true);
    expect(evaluateForm(form, { ...answers, admitted: 'no' }).hidden.has('rows.r1.refusals_noted')).toBe(false);
  });

  it('inside a repeat, a name means the same row first', () => {
    const answers: Answers = {
      rows: [
        { _row: 'r1', code: 'W1', present: 'yes' },
        { _row: 'r2', code: 'W2', present: 'no' },
      ],
    };
    const { hidden } = evaluateForm(form, answers);
    expect(hidden.has('rows.r1.objected')).toBe(false);
    expect(hidden.has('rows.r2.objected')).toBe(true);
    expect(hidden.has('rows.r1.present_details')).toBe(false);
    expect(hidden.has('rows.r2.present_details')).toBe(true);
  });

  it('hides every row of a hidden repeat', () => {
    const hiddenRepeat = mustLoad(patched(smallForm(), '/sections/0/items/6/relevant', { field: 'start', answered: true }));
    const { hidden } = evaluateForm(hiddenRepeat, { rows: [{ _row: 'r1', code: 'W1' }] });
    expect([...hidden].filter((p) => p.startsWith('rows'))).toEqual(['rows', 'rows.r1.code', 'rows.r1.present', 'rows.r1.present_details', 'rows.r1.objected', 'rows.r1.refusals_noted']);
  });
});

describe('evaluateForm: validation', () => {
  const codes = (answers: Answers): string[] => evaluateForm(form, answers).issues.map((i) => `${i.path}:${i.code}`);

  it('asks for required answers only where the item is visible', () => {
    expect(codes({ rows: [{ _row: 'r1' }] })).toEqual(['rows.r1.code:required']);
    expect(codes({ admitted: 'yes' })).toEqual(['admitted_source:required']);
    expect(codes({ admitted: 'not_applicable' })).toEqual([]);
  });

  it('checks bounds, lengths, options and rows', () => {
    expect(codes({ admitted: 'no', refused: 101 })).toContain('refused:above_max');
    expect(codes({ admitted: 'no', refused: -1 })).toContain('refused:below_min');
    expect(codes({ restraint_why: 'x'.repeat(21), restraint: ['cage'] })).toContain('restraint_why:too_long');
    expect(codes({ restraint: ['box'] })).toEqual(['restraint:bad_choice']);
    expect(codes({ start: '25:00' })).toEqual(['start:bad_time']);
    const rows = [1, 2, 3, 4].map((n) => ({ _row: `r${n}`, code: `W${n}` }));
    expect(codes({ rows })).toEqual(['rows:too_many_rows']);
  });

  it("reports a broken constraint with the author's message", () => {
    const { issues } = evaluateForm(form, { start: '10:00', end: '09:00' });
    expect(issues).toEqual([{ path: 'end', code: 'constraint', message: { en: 'End before start', ru: 'ru End before start' } }]);
    expect(evaluateForm(form, { end: '09:00' }).issues).toEqual([]);
  });

  it('checks attachment references and their number', () => {
    expect(codes({ files: [REF] })).toEqual([]);
    expect(codes({ files: ['photo.jpg'] })).toEqual(['files:bad_attachment']);
    expect(codes({ files: [REF, REF, REF] })).toEqual(['files:too_many_files']);
  });

  it('does not validate hidden answers', () => {
    expect(codes({ admitted: 'yes', admitted_source: 'saw', refused: 5000 })).toEqual([]);
  });
});

describe('structuralIssues', () => {
  it('accepts a well-formed document, hidden answers included', () => {
    expect(structuralIssues(form, { admitted: 'yes', refused: 3, files: [REF], rows: [{ _row: 'r1', code: 'W1', present: 'no' }] })).toEqual([]);
  });

  it('names unknown items, wrong types, unknown options and bad rows', () => {
    const answers = {
      ghost: 'x',
      refused: 'three',
      admitted: 'maybe',
      note: 'x',
      rows: [{ _row: 'r1', witness: 'x' }, { _row: 'r1' }, { code: 'no id' }],
    } as unknown as Answers;
    expect(structuralIssues(form, answers).map((i) => `${i.path}:${i.code}`)).toEqual([
      'ghost:unknown_field',
      'refused:wrong_type',
      'admitted:bad_choice',
      'note:unknown_field',
      'rows.r1.witness:unknown_field',
      'rows.r1._row:wrong_type',
      'rows:wrong_type',
    ]);
  });
});
