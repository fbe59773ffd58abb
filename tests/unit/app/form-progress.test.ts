import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formProgress, nextUnanswered } from '../../../src/app/form/form-progress.ts';
import { setAnswerAt } from '../../../src/app/form/set-answer.ts';
import type { Answers } from '../../../src/core/forms/answers.ts';
import { evaluateForm } from '../../../src/core/forms/evaluate.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing = loaded.form;
const progressOf = (answers: Answers) => formProgress(hearing, answers, evaluateForm(hearing, answers));

describe('the hearing form navigator', () => {
  it('counts the required answers left per section, and lists them before the optional ones', () => {
    const empty = progressOf({});
    expect(empty.requiredLeft).toBe(2);
    expect(empty.answered).toBe(0);
    expect(empty.sections.find((s) => s.id === 'details')?.requiredLeft).toBe(1);
    expect(empty.sections.find((s) => s.id === 'public_access')?.requiredLeft).toBe(1);
    expect(empty.unanswered.slice(0, 3)).toEqual(['hearing_date', 'monitors_admitted', 'hearing_kind']);
  });

  it('counts an answer once given, and the questions a row brings with it', () => {
    const before = progressOf({ hearing_date: '2026-11-20' });
    expect(before.requiredLeft).toBe(1);
    expect(before.answered).toBe(1);
    const withRow = progressOf({ hearing_date: '2026-11-20', witness_rows: [{ _row: 'r1', witness_code: 'W-1' }] });
    const witnesses = (a: typeof withRow) => a.sections.find((s) => s.id === 'witnesses');
    expect(witnesses(withRow)?.total).toBeGreaterThan(witnesses(before)?.total ?? 0);
    expect(witnesses(withRow)?.answered).toBe(1);
    expect(withRow.answered).toBe(2);
  });

  it('does not grow its total as answers open follow-up questions, and shrinks it for a section with nothing to record', () => {
    const empty = progressOf({});
    const answered = progressOf({ monitors_admitted: 'no', announced: 'partly' });
    expect(evaluateForm(hearing, { monitors_admitted: 'no' }).hidden.has('monitors_admitted_details')).toBe(false);
    expect(answered.total).toBe(empty.total);
    expect(answered.answered).toBe(2);
    const publicAccess = empty.sections.find((s) => s.id === 'public_access');
    const nothing = progressOf({ _nothing: ['public_access'] });
    expect(nothing.sections.find((s) => s.id === 'public_access')).toEqual({ id: 'public_access', shown: 'nothing', answered: 0, total: 0, requiredLeft: 0 });
    expect(nothing.total).toBe(empty.total - (publicAccess?.total ?? 0));
    expect(nothing.requiredLeft).toBe(1);
    expect(nothing.unanswered).not.toContain('monitors_admitted');
  });

  it('counts a question gated by the stage of the hearing while it is shown (a gate, not a follow-up)', () => {
    // hearing@2 asks for the indictment only at a hearing that reached the preparatory part or the evidence.
    const progress = (answers: Answers) => formProgress(hearing, answers, evaluateForm(hearing, answers)).sections.find((s) => s.id === 'charges')?.total;
    const shown = progress({ stages: ['preparatory'] });
    expect(progress({})).toBe(shown);
    expect(progress({ stages: ['closing_arguments'] })).toBe((shown ?? 0) - 1);
  });

  it('moves on past a question skipped in this pass, and starts over when all were visited', () => {
    const list = ['a', 'b', 'c'];
    expect(nextUnanswered(list, new Set())).toEqual({ path: 'a', restart: false });
    expect(nextUnanswered(list, new Set(['a']))).toEqual({ path: 'b', restart: false });
    expect(nextUnanswered(list, new Set(['a', 'b', 'c']))).toEqual({ path: 'a', restart: true });
    expect(nextUnanswered([], new Set())).toEqual({ path: undefined, restart: true });
  });
});

describe('setting an answer by its path', () => {
  const answers: Answers = { hearing_date: '2026-11-20', witness_rows: [{ _row: 'r1', witness_code: 'W-1' }, { _row: 'r2' }] };

  it('sets and clears a top-level answer without touching the others', () => {
    expect(setAnswerAt(answers, 'courtroom', '12')).toEqual({ ...answers, courtroom: '12' });
    expect(setAnswerAt(answers, 'hearing_date', undefined)).toEqual({ witness_rows: answers['witness_rows'] });
  });

  it('sets an answer inside the row with that id, wherever the row is now', () => {
    const next = setAnswerAt(answers, 'witness_rows.r2.witness_code', 'W-2');
    expect(next['witness_rows']).toEqual([{ _row: 'r1', witness_code: 'W-1' }, { _row: 'r2', witness_code: 'W-2' }]);
    expect(setAnswerAt(next, 'witness_rows.r1.witness_code', undefined)['witness_rows']).toEqual([{ _row: 'r1' }, { _row: 'r2', witness_code: 'W-2' }]);
  });

  it('changes nothing for a row that is gone (removed while the field had focus)', () => {
    expect(setAnswerAt(answers, 'witness_rows.gone.witness_code', 'W-9')).toBe(answers);
  });
});
