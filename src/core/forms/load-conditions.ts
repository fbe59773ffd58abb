import { DATE, TIME } from './answer-shape.ts';
import type { Place } from './load-items.ts';
import { conditionFields } from './conditions.ts';
import { isObject, readLocalized, rejectUnknownKeys, type Fail, type Json } from './load-text.ts';
import { SCALE_VALUES, SEVERITIES, type CompareOp, type ConcernRule, type Condition, type Constraint, type Item, type Scalar, type Severity } from './types.ts';

export interface ConditionsContext {
  readonly fail: Fail;
  readonly languages: readonly string[];
  readonly places: ReadonlyMap<string, Place>;
  /** Right ids from forms/standards.json; when given, concern rules must name only these. */
  readonly knownRights: ReadonlySet<string> | undefined;
  /** True while reading a concern rule's "when", the only place "count" is allowed. */
  readonly countAllowed?: boolean;
}

const COMPARE_OPS: readonly CompareOp[] = ['gt', 'gte', 'lt', 'lte'];
const COMPARABLE = new Set(['integer', 'date', 'time']);

/** The values a condition may compare a choice or scale item with; undefined for free-form items. */
function optionsOf(item: Item): string[] | undefined {
  if (item.type === 'scale') return [...SCALE_VALUES];
  if (item.type === 'single' || item.type === 'multiple') return item.choices.map((c) => c.value);
  return undefined;
}

/**
 * Resolves a field name as seen from an item in `repeatId` (or at the top): top-level items are readable
 * everywhere, an item inside a repeat only from the same repeat, where it means the same row's answer.
 */
function resolveField(ctx: ConditionsContext, name: unknown, path: string, repeatId: string | undefined): Place | undefined {
  if (typeof name !== 'string') {
    ctx.fail(path, 'condition_needs_field');
    return undefined;
  }
  const target = ctx.places.get(name);
  if (target === undefined) {
    ctx.fail(path, 'unknown_field', { field: name });
    return undefined;
  }
  if (target.repeatId !== undefined && target.repeatId !== repeatId) {
    ctx.fail(path, 'field_in_other_repeat', { field: name, repeat: target.repeatId });
    return undefined;
  }
  if (target.item.type === 'note') {
    ctx.fail(path, 'field_is_note', { field: name });
    return undefined;
  }
  return target;
}

/**
 * Reads a condition. `ownField` lets concern rules and constraints leave out "field" when they test the
 * item's own answer. Every name is checked against the form; nothing is ever evaluated as code.
 */
export function readCondition(ctx: ConditionsContext, value: unknown, path: string, repeatId: string | undefined, ownField: string | undefined): Condition | undefined {
  const { fail } = ctx;
  if (!isObject(value)) {
    fail(path, 'condition_not_object');
    return undefined;
  }
  const keys = Object.keys(value);
  for (const group of ['all', 'any'] as const) {
    if (!(group in value)) continue;
    if (keys.length !== 1) fail(path, 'group_not_alone', { group });
    const list = value[group];
    if (!Array.isArray(list) || list.length === 0) {
      fail(`${path}/${group}`, 'group_empty', { group });
      return undefined;
    }
    const of = list.map((c, i) => readCondition(ctx, c, `${path}/${group}/${i}`, repeatId, ownField));
    return of.every((c): c is Condition => c !== undefined) ? { kind: group, of } : undefined;
  }
  if ('not' in value) {
    if (keys.length !== 1) fail(path, 'not_not_alone');
    const of = readCondition(ctx, value['not'], `${path}/not`, repeatId, ownField);
    return of === undefined ? undefined : { kind: 'not', of };
  }
  if ('count' in value) return readCount(ctx, value, path, repeatId);

  const target = resolveField(ctx, value['field'] ?? ownField, `${path}/field`, repeatId);
  if (target === undefined) return undefined;
  const field = target.item.id;
  const operators = keys.filter((k) => k !== 'field');
  const op = operators[0];
  if (operators.length !== 1 || op === undefined) {
    fail(path, 'condition_needs_operator');
    return undefined;
  }
  const operand = value[op];
  const at = `${path}/${op}`;
  if (target.item.type === 'repeat' && op !== 'answered') {
    fail(at, 'repeat_only_answered', { field });
    return undefined;
  }
  const isOption = (scalar: unknown, scalarPath: string): scalar is Scalar => {
    if (typeof scalar !== 'string' && typeof scalar !== 'number' && typeof scalar !== 'boolean') {
      fail(scalarPath, 'bad_scalar');
      return false;
    }
    const options = optionsOf(target.item);
    if (options !== undefined && !options.includes(String(scalar))) {
      fail(scalarPath, 'not_an_option', { value: String(scalar), field, options: options.join(', ') });
      return false;
    }
    return true;
  };
  switch (op) {
    case 'equals':
      return isOption(operand, at) ? { kind: 'equals', field, value: operand } : undefined;
    case 'in': {
      if (!Array.isArray(operand) || operand.length === 0) {
        fail(at, 'in_empty');
        return undefined;
      }
      const values = operand.filter((v, i): v is Scalar => isOption(v, `${at}/${i}`));
      return values.length === operand.length ? { kind: 'in', field, values } : undefined;
    }
    case 'answered':
      if (typeof operand !== 'boolean') {
        fail(at, 'answered_not_boolean');
        return undefined;
      }
      return { kind: 'answered', field, answered: operand };
    default: {
      const compareOp = COMPARE_OPS.find((o) => o === op);
      if (compareOp === undefined) {
        fail(at, 'unknown_operator', { op });
        return undefined;
      }
      return readComparison(ctx, target, compareOp, operand, at, repeatId);
    }
  }
}

/**
 * {"count": "<repeat>", "where": condition, "gte": n}: how many rows of a repeat satisfy `where`. Allowed only
 * in concern rules (visibility never depends on it), and `where` may read only the counted repeat's items
 * that are always shown, because the rows are read as stored, without working out their visibility.
 */
function readCount(ctx: ConditionsContext, value: Json, path: string, repeatId: string | undefined): Condition | undefined {
  const { fail } = ctx;
  rejectUnknownKeys(value, ['count', 'where', ...COMPARE_OPS], path, fail);
  if (ctx.countAllowed !== true) {
    fail(`${path}/count`, 'count_outside_concern');
    return undefined;
  }
  const name = value['count'];
  const target = typeof name === 'string' ? ctx.places.get(name) : undefined;
  if (target === undefined || target.item.type !== 'repeat') {
    if (typeof name === 'string') fail(`${path}/count`, 'count_names_non_repeat', { name });
    else fail(`${path}/count`, 'count_not_repeat');
    return undefined;
  }
  if (repeatId !== undefined && repeatId !== target.item.id) {
    fail(`${path}/count`, 'count_other_repeat', { repeat: repeatId });
    return undefined;
  }
  const ops = COMPARE_OPS.filter((o) => o in value);
  const op = ops[0];
  const limit = op === undefined ? undefined : value[op];
  if (ops.length !== 1 || op === undefined || typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    fail(path, 'count_needs_comparison');
    return undefined;
  }
  if (value['where'] === undefined) {
    fail(`${path}/where`, 'count_needs_where');
    return undefined;
  }
  const where = readCondition({ ...ctx, countAllowed: false }, value['where'], `${path}/where`, target.item.id, undefined);
  if (where === undefined) return undefined;
  let ok = true;
  for (const field of conditionFields(where)) {
    const place = ctx.places.get(field);
    if (place?.repeatId !== target.item.id) {
      fail(`${path}/where`, 'where_outside_rows', { field, repeat: target.item.id });
      ok = false;
    } else if (place.raw === undefined || place.raw['relevant'] !== undefined) {
      fail(`${path}/where`, 'where_conditional_item', { field });
      ok = false;
    }
  }
  return ok ? { kind: 'count', repeat: target.item.id, where, op, value: limit } : undefined;
}

/** gt/gte/lt/lte against a literal of the item's kind, or against another item of the same type. */
function readComparison(ctx: ConditionsContext, target: Place, op: CompareOp, operand: unknown, path: string, repeatId: string | undefined): Condition | undefined {
  const { type, id: field } = target.item;
  if (!COMPARABLE.has(type)) {
    ctx.fail(path, 'compare_wrong_type', { op, field, type });
    return undefined;
  }
  if (isObject(operand)) {
    rejectUnknownKeys(operand, ['field'], path, ctx.fail);
    const other = resolveField(ctx, operand['field'], `${path}/field`, repeatId);
    if (other === undefined) return undefined;
    if (other.item.type !== type) {
      ctx.fail(`${path}/field`, 'compare_unlike', { field, type, other: other.item.id, otherType: other.item.type });
      return undefined;
    }
    return { kind: 'compare_field', field, op, other: other.item.id };
  }
  const fits =
    (type === 'integer' && typeof operand === 'number' && Number.isFinite(operand)) ||
    (type === 'date' && typeof operand === 'string' && DATE.test(operand)) ||
    (type === 'time' && typeof operand === 'string' && TIME.test(operand));
  if (!fits || (typeof operand !== 'number' && typeof operand !== 'string')) {
    ctx.fail(path, type === 'integer' ? 'compare_needs_integer' : type === 'date' ? 'compare_needs_date' : 'compare_needs_time', { op, field });
    return undefined;
  }
  return { kind: 'compare', field, op, value: operand };
}

export function readConcern(ctx: ConditionsContext, value: unknown, path: string, place: Place): ConcernRule | undefined {
  const { fail } = ctx;
  if (!isObject(value)) {
    fail(path, 'concern_not_object');
    return undefined;
  }
  rejectUnknownKeys(value, ['when', 'rights', 'severity', 'words'], path, fail);
  const when = readCondition({ ...ctx, countAllowed: true }, value['when'], `${path}/when`, place.repeatId, place.item.id);
  const severity: Severity | undefined = SEVERITIES.find((s) => s === value['severity']);
  if (severity === undefined) fail(`${path}/severity`, 'bad_severity', { severities: SEVERITIES.join(', ') });
  const rights = value['rights'];
  let rightsOk = Array.isArray(rights) && rights.length > 0 && rights.every((r): r is string => typeof r === 'string');
  if (!rightsOk) fail(`${path}/rights`, 'bad_rights');
  const rightList = rightsOk ? (rights as string[]) : [];
  rightList.forEach((right, index) => {
    if (rightList.indexOf(right) !== index) {
      fail(`${path}/rights/${index}`, 'right_twice', { right });
      rightsOk = false;
    } else if (ctx.knownRights !== undefined && !ctx.knownRights.has(right)) {
      fail(`${path}/rights/${index}`, 'unknown_right', { right });
      rightsOk = false;
    }
  });
  const words = readWords(ctx, value['words'], `${path}/words`, place);
  if (when === undefined || severity === undefined || !rightsOk || words === null) return undefined;
  return { when, rights: rightList, severity, ...(words === undefined ? {} : { words }) };
}

/** The text items quoted in a finding; null when the list is faulty (already reported). */
function readWords(ctx: ConditionsContext, value: unknown, path: string, place: Place): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    ctx.fail(path, 'bad_words');
    return null;
  }
  const ids: string[] = [];
  value.forEach((name, index) => {
    const target = resolveField(ctx, name, `${path}/${index}`, place.repeatId);
    if (target === undefined) return;
    if (target.item.type !== 'text' && target.item.type !== 'longtext') ctx.fail(`${path}/${index}`, 'words_not_text', { item: target.item.id, type: target.item.type });
    else ids.push(target.item.id);
  });
  return ids.length === value.length ? ids : null;
}

export function readConstraints(ctx: ConditionsContext, value: unknown, path: string, place: Place): Constraint[] | undefined {
  const { fail } = ctx;
  if (!Array.isArray(value) || value.length === 0) {
    fail(path, 'bad_constraints');
    return undefined;
  }
  const constraints: Constraint[] = [];
  value.forEach((raw, index) => {
    const at = `${path}/${index}`;
    if (!isObject(raw)) {
      fail(at, 'constraint_not_object');
      return;
    }
    rejectUnknownKeys(raw, ['invalidWhen', 'message'], at, fail);
    const invalidWhen = readCondition(ctx, raw['invalidWhen'], `${at}/invalidWhen`, place.repeatId, place.item.id);
    const message = readLocalized(raw['message'], `${at}/message`, true, ctx.languages, fail);
    if (invalidWhen !== undefined && message !== undefined) constraints.push({ invalidWhen, message });
  });
  return constraints.length === value.length ? constraints : undefined;
}
