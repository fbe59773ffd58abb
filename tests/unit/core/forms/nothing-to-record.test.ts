import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../../src/core/forms/answers.ts';
import { evaluateForm, structuralIssues } from '../../../../src/core/forms/evaluate.ts';
import { computeFindings } from '../../../../src/core/forms/findings.ts';
import { AnswersSchema } from '../../../../src/core/sync/protocol.ts';
import * as v from 'valibot';
import { mustLoad, patched, smallForm, text } from './fixtures.ts';

// The small form with a second section "later" holding a required question.
const form = mustLoad(
  patched(smallForm(), '/sections/1', {
    id: 'later',
    title: text('Later'),
    items: [{ id: 'verdict_read', type: 'scale', required: true, label: text('Was the verdict read out?') }],
  }),
);

describe('"nothing to record here" (the reserved _nothing key)', () => {
  it('hides every item of a marked section, rows included, so nothing there is required or yields findings; answers typed there are kept', () => {
    const answers: Answers = { _nothing: ['main'], admitted: 'no', refused: 3, rows: [{ _row: 'r1', code: 'W1', present: 'yes' }] };
    const state = evaluateForm(form, answers);
    for (const path of ['admitted', 'refused', 'rows', 'rows.r1.code', 'rows.r1.objected']) expect(state.hidden.has(path)).toBe(true);
    expect(state.issues.map((i) => `${i.path}:${i.code}`)).toEqual(['verdict_read:required']);
    expect(computeFindings(form, answers, state)).toEqual([]);
    // Unmarked again, the section asks what it asked before (how the monitor knows the answer given).
    expect(evaluateForm(form, { ...answers, _nothing: ['later'] }).issues.map((i) => i.path)).toEqual(['admitted_source']);
  });

  it('is accepted by the server as a list of the form\'s section ids, and refused otherwise', () => {
    expect(structuralIssues(form, { _nothing: ['main', 'later'] })).toEqual([]);
    expect(structuralIssues(form, { _nothing: ['nowhere'] })).toEqual([{ path: '_nothing.nowhere', code: 'unknown_field' }]);
    expect(structuralIssues(form, { _nothing: ['main', 'main'] })).toEqual([{ path: '_nothing', code: 'wrong_type' }]);
    expect(structuralIssues(form, { _nothing: 'main' })).toEqual([{ path: '_nothing', code: 'wrong_type' }]);
    expect(structuralIssues(form, { _other: ['main'] })).toEqual([{ path: '_other', code: 'unknown_field' }]);
  });

  it('passes the wire schema, which still refuses any other key that is not an item id', () => {
    expect(v.safeParse(AnswersSchema, { _nothing: ['main'] }).success).toBe(true);
    expect(v.safeParse(AnswersSchema, { _other: ['main'] }).success).toBe(false);
  });
});
