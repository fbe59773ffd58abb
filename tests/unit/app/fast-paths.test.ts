import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFastPath, fastPathsOf, pickable, undoFastPath, type FastPath, type FastPathId } from '../../../src/app/form/fast-paths.ts';
import type { Answers, RepeatRow } from '../../../src/core/forms/answers.ts';
import { evaluateForm } from '../../../src/core/forms/evaluate.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';

function formAt(file: string): Form {
  const loaded = loadForm(JSON.parse(readFileSync(file, 'utf8')));
  if (!loaded.ok) throw new Error(`${file} must load`);
  return loaded.form;
}
const hearing = formAt('forms/hearing.json');
const path = (id: FastPathId): FastPath => {
  const found = fastPathsOf(hearing).find((p) => p.id === id);
  if (found === undefined) throw new Error(`no fast path ${id}`);
  return found;
};
const rows = (answers: Answers, id: string): readonly RepeatRow[] => (answers[id] as readonly RepeatRow[] | undefined) ?? [];

describe('the courtroom fast paths', () => {
  it('are all offered on the hearing form that has the rows’ time items, and none on hearing@2, which has not', () => {
    expect(fastPathsOf(hearing).map((p) => [p.id, p.repeat.id, p.stamp.id, p.mode])).toEqual([
      ['witness_enters', 'witness_rows', 'witness_entered_at', 'add'],
      ['witness_testifies', 'witness_rows', 'witness_testified_at', 'pick'],
      ['witness_leaves', 'witness_rows', 'witness_left_at', 'pick'],
      ['allegation', 'allegation_rows', 'allegation_raised_at', 'add'],
      ['motion', 'motion_rows', 'motion_made_at', 'add'],
      ['ruling', 'motion_rows', 'motion_ruled_at', 'pick'],
      ['document_shown', 'evidence_rows', 'evidence_shown_at', 'add'],
      ['document_referred', 'evidence_rows', 'evidence_referred_at', 'add'],
    ]);
    expect(fastPathsOf(formAt('forms/hearing@2.json'))).toEqual([]);
  });

  it('adds a witness stamped with the time, code offered in the series; "testifies" and "leaves" fill the chosen row; Undo takes back one tap', () => {
    const before: Answers = { witness_rows: [{ _row: 'w1', witness_code: 'W1' }] };
    const entered = applyFastPath(hearing, before, path('witness_enters'), '10:41');
    if (!entered.ok) throw new Error(entered.reason);
    expect(rows(entered.answers, 'witness_rows').map((r) => [r['witness_code'], r['witness_entered_at'] ?? null])).toEqual([
      ['W1', null],
      ['W2', '10:41'],
    ]);
    expect(pickable(path('witness_testifies'), entered.answers).map((r) => r._row)).toEqual(['w1', entered.rowId]);

    const testifies = applyFastPath(hearing, entered.answers, path('witness_testifies'), '10:45', entered.rowId);
    if (!testifies.ok) throw new Error(testifies.reason);
    const leaves = applyFastPath(hearing, testifies.answers, path('witness_leaves'), '11:02', entered.rowId);
    if (!leaves.ok) throw new Error(leaves.reason);
    const w2 = rows(leaves.answers, 'witness_rows')[1];
    expect([w2?.['witness_entered_at'], w2?.['witness_testified_at'], w2?.['witness_left_at']]).toEqual(['10:41', '10:45', '11:02']);
    // The times in order pass the row's constraints.
    expect(evaluateForm(hearing, leaves.answers).issues.filter((i) => i.code === 'constraint')).toEqual([]);
    // W2 has testified: it is no longer offered for "testifies"; W1 still is.
    expect(pickable(path('witness_testifies'), leaves.answers).map((r) => r._row)).toEqual(['w1']);

    // Undo of "leaves" clears that time only; undo of "enters" removes the row, whatever was typed in it since.
    const unLeft = undoFastPath(leaves.answers, leaves.undo);
    expect(rows(unLeft, 'witness_rows')[1]).toEqual({ _row: entered.rowId, witness_code: 'W2', witness_entered_at: '10:41', witness_testified_at: '10:45' });
    expect(undoFastPath(entered.answers, entered.undo)).toEqual(before);
  });

  it('refuses a row that is gone or already has the time, and changes nothing', () => {
    const answers: Answers = { witness_rows: [{ _row: 'w1', witness_code: 'W1', witness_testified_at: '10:00' }] };
    expect(applyFastPath(hearing, answers, path('witness_testifies'), '10:45', 'w1')).toEqual({ ok: false, reason: 'no_row' });
    expect(applyFastPath(hearing, answers, path('witness_leaves'), '10:45', 'gone')).toEqual({ ok: false, reason: 'no_row' });
    expect(answers).toEqual({ witness_rows: [{ _row: 'w1', witness_code: 'W1', witness_testified_at: '10:00' }] });
  });

  it('refuses a new row when the repeat is at its maximum, with the limit, and changes nothing', () => {
    const full: Answers = { witness_rows: Array.from({ length: 60 }, (_, i) => ({ _row: `w${i}`, witness_code: `W${i + 1}` })) };
    expect(applyFastPath(hearing, full, path('witness_enters'), '10:41')).toEqual({ ok: false, reason: 'at_most', limit: 60 });
    expect(rows(full, 'witness_rows')).toHaveLength(60);
  });

  it('refuses where the row would be out of sight: a stage without witnesses, or "nothing to record here" on the section', () => {
    expect(applyFastPath(hearing, { stages: ['adjourned'] }, path('witness_enters'), '10:41')).toEqual({ ok: false, reason: 'not_shown' });
    // Out of sight is said before full.
    const full = Array.from({ length: 60 }, (_, i) => ({ _row: `w${i}`, witness_code: `W${i + 1}` }));
    expect(applyFastPath(hearing, { stages: ['adjourned'], witness_rows: full }, path('witness_enters'), '10:41')).toEqual({ ok: false, reason: 'not_shown' });
    expect(applyFastPath(hearing, { _nothing: ['equality_of_arms'] }, path('motion'), '10:41')).toEqual({ ok: false, reason: 'not_shown' });
    const motion = applyFastPath(hearing, { stages: ['adjourned'] }, path('motion'), '10:41');
    expect(motion.ok).toBe(true);
  });

  it('"ill-treatment raised" opens the allegation rows by answering the gate question, and Undo puts the earlier answer back', () => {
    const fromNo = applyFastPath(hearing, { torture_allegation: 'no' }, path('allegation'), '11:20');
    if (!fromNo.ok) throw new Error(fromNo.reason);
    expect(fromNo.answers['torture_allegation']).toBe('yes');
    expect(rows(fromNo.answers, 'allegation_rows').map((r) => r['allegation_raised_at'])).toEqual(['11:20']);
    expect(undoFastPath(fromNo.answers, fromNo.undo)).toEqual({ torture_allegation: 'no' });
    // Already open ("partly"): the observer's answer is left as it is.
    const fromPartly = applyFastPath(hearing, { torture_allegation: 'partly' }, path('allegation'), '11:20');
    expect(fromPartly.ok && fromPartly.answers['torture_allegation']).toBe('partly');
    // Unanswered: Undo returns it to unanswered.
    const fromNothing = applyFastPath(hearing, {}, path('allegation'), '11:20');
    if (!fromNothing.ok) throw new Error(fromNothing.reason);
    expect(undoFastPath(fromNothing.answers, fromNothing.undo)).toEqual({});
  });

  it('stamps a motion and its ruling, and a document shown or referred to as new evidence rows', () => {
    const made = applyFastPath(hearing, {}, path('motion'), '09:58');
    if (!made.ok) throw new Error(made.reason);
    const ruled = applyFastPath(hearing, made.answers, path('ruling'), '10:03', made.rowId);
    if (!ruled.ok) throw new Error(ruled.reason);
    expect(rows(ruled.answers, 'motion_rows').map((r) => [r['motion_made_at'], r['motion_ruled_at']])).toEqual([['09:58', '10:03']]);
    const shown = applyFastPath(hearing, ruled.answers, path('document_shown'), '10:10');
    if (!shown.ok) throw new Error(shown.reason);
    const referred = applyFastPath(hearing, shown.answers, path('document_referred'), '10:12');
    if (!referred.ok) throw new Error(referred.reason);
    expect(rows(referred.answers, 'evidence_rows').map((r) => [r['evidence_shown_at'] ?? null, r['evidence_referred_at'] ?? null])).toEqual([
      ['10:10', null],
      [null, '10:12'],
    ]);
  });
});
