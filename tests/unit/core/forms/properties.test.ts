import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, RepeatRow } from '../../../../src/core/forms/answers.ts';
import { evaluateForm, structuralIssues } from '../../../../src/core/forms/evaluate.ts';
import { computeFindings } from '../../../../src/core/forms/findings.ts';
import { rowPath } from '../../../../src/core/forms/scope.ts';
import { applyEdit, edit, validAnswers } from './answer-arbitraries.ts';
import { SHIPPED_FORM_FILES, shippedForm } from './fixtures.ts';

const hearing = shippedForm('hearing.json');
const forms = SHIPPED_FORM_FILES.map((file) => ({ file, form: shippedForm(file) }));

/** The same document without the answers of hidden items. */
function withoutHidden(answers: Answers, hidden: ReadonlySet<string>): Answers {
  const kept: Record<string, Answers[string]> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (hidden.has(id)) continue;
    kept[id] = Array.isArray(value) && value.every((r) => typeof r === 'object')
      ? (value as RepeatRow[]).map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => k === '_row' || !hidden.has(rowPath(id, row._row, k)))) as RepeatRow)
      : value;
  }
  return kept;
}

describe('form engine properties on the real hearing form', () => {
  it('random edit sequences never make evaluation or findings throw, and hidden items never yield findings', () => {
    fc.assert(
      fc.property(validAnswers(hearing), fc.array(edit, { maxLength: 25 }), (start, edits) => {
        let answers = start;
        for (const change of edits) {
          answers = applyEdit(hearing, answers, change);
          const state = evaluateForm(hearing, answers);
          for (const finding of computeFindings(hearing, answers, state)) expect(state.hidden.has(finding.path)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hidden answers change nothing: dropping them leaves visibility and findings as they were', () => {
    fc.assert(
      fc.property(validAnswers(hearing), (answers) => {
        const state = evaluateForm(hearing, answers);
        const trimmed = withoutHidden(answers, state.hidden);
        const after = evaluateForm(hearing, trimmed);
        const visible = (hidden: ReadonlySet<string>): string[] => [...hidden].filter((p) => !p.includes('.')).sort();
        expect(visible(after.hidden)).toEqual(visible(state.hidden));
        expect(computeFindings(hearing, trimmed, after)).toEqual(computeFindings(hearing, answers, state));
      }),
      { numRuns: 200 },
    );
  });

  it('hiddenInRows holds exactly the row paths of hidden', () => {
    fc.assert(
      fc.property(validAnswers(hearing), (answers) => {
        const state = evaluateForm(hearing, answers);
        const fromRows = [...state.hiddenInRows].flatMap(([key, ids]) => [...ids].map((id) => `${key}.${id}`));
        expect(fromRows.sort()).toEqual([...state.hidden].filter((p) => p.includes('.')).sort());
      }),
      { numRuns: 100 },
    );
  });

  it('a finding is an answered, visible item whose concern names known rights', () => {
    fc.assert(
      fc.property(validAnswers(hearing), (answers) => {
        for (const finding of computeFindings(hearing, answers)) {
          expect(finding.rights.length).toBeGreaterThan(0);
          expect(finding.answer).not.toEqual('');
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe.each(forms)('structure of valid answers: $file', ({ form }) => {
  it('answers from the valid generator have no structural issues', () => {
    fc.assert(
      fc.property(validAnswers(form), (answers) => {
        expect(structuralIssues(form, answers)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
