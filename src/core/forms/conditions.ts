import { isAnswered, isRepeatRows, type AnswerValue } from './answers.ts';
import type { CompareOp, Condition, Scalar } from './types.ts';

/** Finds the answer a condition names; inside a repeat the same row is searched first. */
export type AnswerLookup = (field: string) => AnswerValue | undefined;

/** Evaluates a condition that load-form has already checked. Data only: nothing is ever run as code. */
export function evaluateCondition(condition: Condition, lookup: AnswerLookup): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.of.every((c) => evaluateCondition(c, lookup));
    case 'any':
      return condition.of.some((c) => evaluateCondition(c, lookup));
    case 'not':
      return !evaluateCondition(condition.of, lookup);
    case 'answered':
      return isAnswered(lookup(condition.field)) === condition.answered;
    case 'equals':
      return matches(lookup(condition.field), condition.value);
    case 'in':
      return condition.values.some((v) => matches(lookup(condition.field), v));
    case 'compare':
      return compare(lookup(condition.field), condition.op, condition.value);
    case 'compare_field':
      return compare(lookup(condition.field), condition.op, lookup(condition.other));
    case 'count':
      return order(countRows(lookup(condition.repeat), condition.where), condition.op, condition.value);
  }
}

/** The rows of a repeat whose own answers satisfy `where`; a hidden repeat reads as no rows. */
function countRows(value: AnswerValue | undefined, where: Condition): number {
  if (!isRepeatRows(value)) return 0;
  let count = 0;
  for (const row of value) if (evaluateCondition(where, (field) => row[field])) count += 1;
  return count;
}

/** A multiple-choice answer matches a value when it contains it. */
function matches(answer: AnswerValue | undefined, value: Scalar): boolean {
  if (answer === undefined) return false;
  if (Array.isArray(answer)) return answer.some((a) => a === value);
  return answer === value;
}

/**
 * Compares two numbers, or two non-empty texts (ISO dates and times sort in time order).
 * A missing or mismatched side makes the comparison false, so an unanswered item never trips a rule.
 */
function compare(left: AnswerValue | undefined, op: CompareOp, right: AnswerValue | undefined): boolean {
  if (typeof left === 'number' && typeof right === 'number') return Number.isFinite(left) && Number.isFinite(right) && order(left, op, right);
  if (typeof left === 'string' && typeof right === 'string') return left !== '' && right !== '' && order(left, op, right);
  return false;
}

function order<T extends number | string>(left: T, op: CompareOp, right: T): boolean {
  switch (op) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
  }
}

/** Every field a condition reads, for reference checks and dependency ordering. */
export function conditionFields(condition: Condition): string[] {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.of.flatMap(conditionFields);
    case 'not':
      return conditionFields(condition.of);
    case 'compare_field':
      return [condition.field, condition.other];
    case 'count':
      // The rows' items are another scope; what the condition depends on here is the repeat.
      return [condition.repeat];
    default:
      return [condition.field];
  }
}
