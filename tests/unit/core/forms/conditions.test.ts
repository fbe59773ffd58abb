import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../../../src/core/forms/answers.ts';
import { conditionFields, evaluateCondition } from '../../../../src/core/forms/conditions.ts';
import type { Condition } from '../../../../src/core/forms/types.ts';

const answers: Record<string, AnswerValue> = {
  scale: 'no',
  many: ['cage', 'handcuffs'],
  count: 12,
  blank: '  ',
  none: [],
  day: '2024-03-05',
  later: '2024-03-10',
  start: '09:30',
  end: '09:05',
};
const lookup = (field: string): AnswerValue | undefined => answers[field];
const holds = (condition: Condition): boolean => evaluateCondition(condition, lookup);

describe('evaluateCondition', () => {
  it('equals and in, with a multiple choice matching when it contains the value', () => {
    expect(holds({ kind: 'equals', field: 'scale', value: 'no' })).toBe(true);
    expect(holds({ kind: 'equals', field: 'scale', value: 'yes' })).toBe(false);
    expect(holds({ kind: 'in', field: 'scale', values: ['no', 'partly'] })).toBe(true);
    expect(holds({ kind: 'equals', field: 'many', value: 'cage' })).toBe(true);
    expect(holds({ kind: 'in', field: 'many', values: ['glass_box'] })).toBe(false);
    expect(holds({ kind: 'equals', field: 'missing', value: 'no' })).toBe(false);
  });

  it('answered: blank text and empty selections count as unanswered', () => {
    expect(holds({ kind: 'answered', field: 'scale', answered: true })).toBe(true);
    expect(holds({ kind: 'answered', field: 'blank', answered: true })).toBe(false);
    expect(holds({ kind: 'answered', field: 'none', answered: false })).toBe(true);
    expect(holds({ kind: 'answered', field: 'missing', answered: false })).toBe(true);
  });

  it('compares numbers, dates and times, and is false when a side is missing or of another kind', () => {
    expect(holds({ kind: 'compare', field: 'count', op: 'gt', value: 10 })).toBe(true);
    expect(holds({ kind: 'compare', field: 'count', op: 'lte', value: 11 })).toBe(false);
    expect(holds({ kind: 'compare', field: 'day', op: 'lt', value: '2024-12-01' })).toBe(true);
    expect(holds({ kind: 'compare_field', field: 'later', op: 'gte', other: 'day' })).toBe(true);
    expect(holds({ kind: 'compare_field', field: 'end', op: 'lt', other: 'start' })).toBe(true);
    expect(holds({ kind: 'compare_field', field: 'end', op: 'lt', other: 'missing' })).toBe(false);
    expect(holds({ kind: 'compare', field: 'scale', op: 'gt', value: 1 })).toBe(false);
    expect(holds({ kind: 'compare', field: 'missing', op: 'lt', value: 1 })).toBe(false);
  });

  it('combines with all, any and not', () => {
    const no: Condition = { kind: 'equals', field: 'scale', value: 'no' };
    const yes: Condition = { kind: 'equals', field: 'scale', value: 'yes' };
    expect(holds({ kind: 'all', of: [no, { kind: 'not', of: yes }] })).toBe(true);
    expect(holds({ kind: 'all', of: [no, yes] })).toBe(false);
    expect(holds({ kind: 'any', of: [yes, no] })).toBe(true);
    expect(holds({ kind: 'not', of: { kind: 'any', of: [yes] } })).toBe(true);
  });
});

describe('conditionFields', () => {
  it('lists every field read, both sides of a field comparison included', () => {
    const condition: Condition = {
      kind: 'all',
      of: [
        { kind: 'equals', field: 'a', value: 'x' },
        { kind: 'not', of: { kind: 'compare_field', field: 'b', op: 'lt', other: 'c' } },
      ],
    };
    expect(conditionFields(condition)).toEqual(['a', 'b', 'c']);
  });
});
