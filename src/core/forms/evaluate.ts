import { isAnswered, type AnswerValue, type Answers, type RepeatRow } from './answers.ts';
import { shapeIssue, type ShapeCode } from './answer-shape.ts';
import { evaluateCondition, type AnswerLookup } from './conditions.ts';
import { indexForm } from './form-index.ts';
import { NOTHING_KEY, nothingIssues } from './nothing-to-record.ts';
import { hiddenInRow, rowLookup, rowPath, rowsOf, topLookup } from './scope.ts';
import { computeVisibility } from './visibility.ts';
import type { Constraint, FieldItem, Form, LocalizedText, RepeatItem } from './types.ts';

export { rowPath } from './scope.ts';

export type IssueCode = ShapeCode | 'required' | 'below_min' | 'above_max' | 'too_few_rows' | 'too_many_rows' | 'constraint';

/** A problem with one answer. `path` is the item id, or "repeatId.rowId.itemId" inside a repeat row. */
export interface AnswerIssue {
  readonly path: string;
  readonly code: IssueCode;
  readonly limit?: number;
  /** For "constraint": the author's message, in every language of the form. */
  readonly message?: LocalizedText;
}

export interface FormState {
  /** Paths of items whose conditions are false: they are not shown, not validated and yield no findings. */
  readonly hidden: ReadonlySet<string>;
  /** The hidden items of each row, by "repeatId.rowId" (see rowKey): what a row's view needs, without parsing paths. */
  readonly hiddenInRows: ReadonlyMap<string, ReadonlySet<string>>;
  /** Problems with visible answers; they block finalising, never saving. */
  readonly issues: readonly AnswerIssue[];
}

/**
 * Works out which items are visible and which visible answers are invalid, for the whole form.
 * A hidden item's answer is kept in the document (the observer's words are never thrown away) but is
 * read as unanswered by every condition, so that whatever depends on it hides too.
 */
export function evaluateForm(form: Form, answers: Answers): FormState {
  const index = indexForm(form);
  const { hidden, hiddenInRows } = computeVisibility(form, answers);
  const issues: AnswerIssue[] = [];
  const top = topLookup(answers, hidden);
  for (const item of index.top.values()) {
    if (hidden.has(item.id)) continue;
    if (item.type === 'repeat') checkRepeat(item, answers[item.id], index.inner.get(item.id) ?? new Map<string, FieldItem>(), hiddenInRows, top, issues);
    else report(issues, item.id, fieldIssues(item, answers[item.id], top));
  }
  return { hidden, hiddenInRows, issues };
}

function checkRepeat(
  repeat: RepeatItem,
  value: AnswerValue | undefined,
  inner: ReadonlyMap<string, FieldItem>,
  hiddenInRows: ReadonlyMap<string, ReadonlySet<string>>,
  top: AnswerLookup,
  issues: AnswerIssue[],
): void {
  const rows = rowsOf(value);
  if (rows.length < repeat.min) issues.push({ path: repeat.id, code: 'too_few_rows', limit: repeat.min });
  if (rows.length > repeat.max) issues.push({ path: repeat.id, code: 'too_many_rows', limit: repeat.max });
  for (const row of rows) {
    const hidden = hiddenInRow(hiddenInRows, repeat.id, row._row);
    const lookup = rowLookup(row, inner, hidden, top);
    for (const item of repeat.items) {
      if (hidden.has(item.id)) continue;
      const found = fieldIssues(item, row[item.id], lookup);
      if (found.length > 0) report(issues, rowPath(repeat.id, row._row, item.id), found);
    }
  }
}

type IssueBody = Omit<AnswerIssue, 'path'>;
const NO_ISSUES: readonly IssueBody[] = [];
const NO_CONSTRAINTS: readonly Constraint[] = [];

function report(issues: AnswerIssue[], path: string, bodies: readonly IssueBody[]): void {
  for (const body of bodies) issues.push({ path, ...body });
}

/**
 * What is wrong with one visible answer: required, type, bounds, then the author's constraints.
 * Paths are left to the caller, so that row paths are built only when there is something to report.
 */
function fieldIssues(item: FieldItem, value: AnswerValue | undefined, lookup: AnswerLookup): readonly IssueBody[] {
  if (item.type === 'note') return NO_ISSUES;
  if (!isAnswered(value)) return item.required ? [{ code: 'required' }] : NO_ISSUES;
  const shape = shapeIssue(item, value);
  if (shape !== undefined) return [shape];
  // No helper closures here: this runs for every visible answer on every keystroke.
  let found: IssueBody[] | undefined;
  if (item.type === 'integer' && typeof value === 'number') {
    if (item.min !== undefined && value < item.min) (found ??= []).push({ code: 'below_min', limit: item.min });
    if (item.max !== undefined && value > item.max) (found ??= []).push({ code: 'above_max', limit: item.max });
  }
  for (const constraint of item.constraints ?? NO_CONSTRAINTS) {
    if (evaluateCondition(constraint.invalidWhen, lookup)) (found ??= []).push({ code: 'constraint', message: constraint.message });
  }
  return found ?? NO_ISSUES;
}

/**
 * Problems with the structure of an answers document, visible or not: unknown items, wrong types,
 * unknown options, rows without ids. The server refuses a report that has any; the device never sends one.
 */
export function structuralIssues(form: Form, answers: Answers): AnswerIssue[] {
  const index = indexForm(form);
  const issues: AnswerIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const item = index.top.get(id);
    if (id === NOTHING_KEY) issues.push(...nothingIssues(form, value));
    else if (item === undefined) issues.push({ path: id, code: 'unknown_field' });
    else if (item.type !== 'repeat') {
      const shape = shapeIssue(item, value);
      if (shape !== undefined) issues.push({ path: id, ...shape });
    } else if (!Array.isArray(value)) issues.push({ path: id, code: 'wrong_type' });
    else rowIssues(id, value as readonly unknown[], index.inner.get(id) ?? new Map<string, FieldItem>(), issues);
  }
  return issues;
}

function rowIssues(repeatId: string, rows: readonly unknown[], inner: ReadonlyMap<string, FieldItem>, issues: AnswerIssue[]): void {
  const rowIds = new Set<string>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null || Array.isArray(row) || typeof (row as { _row?: unknown })._row !== 'string') {
      issues.push({ path: repeatId, code: 'wrong_type' });
      continue;
    }
    const typedRow = row as RepeatRow;
    if (rowIds.has(typedRow._row)) issues.push({ path: rowPath(repeatId, typedRow._row, '_row'), code: 'wrong_type' });
    rowIds.add(typedRow._row);
    for (const [innerId, innerValue] of Object.entries(typedRow)) {
      if (innerId === '_row') continue;
      const innerItem = inner.get(innerId);
      const path = rowPath(repeatId, typedRow._row, innerId);
      if (innerItem === undefined) issues.push({ path, code: 'unknown_field' });
      else {
        const shape = shapeIssue(innerItem, innerValue);
        if (shape !== undefined) issues.push({ path, ...shape });
      }
    }
  }
}
