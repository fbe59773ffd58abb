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
    ctx.fail(path, 'a condition needs "field" (the id of the item it reads)');
    return undefined;
  }
  const target = ctx.places.get(name);
  if (target === undefined) {
    ctx.fail(path, `unknown field "${name}"`);
    return undefined;
  }
  if (target.repeatId !== undefined && target.repeatId !== repeatId) {
    ctx.fail(path, `"${name}" is inside repeat "${target.repeatId}" and can only be read by items of the same repeat`);
    return undefined;
  }
  if (target.item.type === 'note') {
    ctx.fail(path, `"${name}" is a note and has no answer to test`);
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
    fail(path, 'a condition must be an object');
    return undefined;
  }
  const keys = Object.keys(value);
  for (const group of ['all', 'any'] as const) {
    if (!(group in value)) continue;
    if (keys.length !== 1) fail(path, `"${group}" must stand alone in its condition`);
    const list = value[group];
    if (!Array.isArray(list) || list.length === 0) {
      fail(`${path}/${group}`, `"${group}" needs a non-empty list of conditions`);
      return undefined;
    }
    const of = list.map((c, i) => readCondition(ctx, c, `${path}/${group}/${i}`, repeatId, ownField));
    return of.every((c): c is Condition => c !== undefined) ? { kind: group, of } : undefined;
  }
  if ('not' in value) {
    if (keys.length !== 1) fail(path, '"not" must stand alone in its condition');
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
    fail(path, 'a condition needs exactly one of equals, in, answered, gt, gte, lt, lte (or all / any / not)');
    return undefined;
  }
  const operand = value[op];
  const at = `${path}/${op}`;
  if (target.item.type === 'repeat' && op !== 'answered') {
    fail(at, `"${field}" is a repeat: test it only with "answered" (has at least one row)`);
    return undefined;
  }
  const isOption = (scalar: unknown, scalarPath: string): scalar is Scalar => {
    if (typeof scalar !== 'string' && typeof scalar !== 'number' && typeof scalar !== 'boolean') {
      fail(scalarPath, 'compare with a string, number or boolean');
      return false;
    }
    const options = optionsOf(target.item);
    if (options !== undefined && !options.includes(String(scalar))) {
      fail(scalarPath, `"${String(scalar)}" is not an option of "${field}" (options: ${options.join(', ')})`);
      return false;
    }
    return true;
  };
  switch (op) {
    case 'equals':
      return isOption(operand, at) ? { kind: 'equals', field, value: operand } : undefined;
    case 'in': {
      if (!Array.isArray(operand) || operand.length === 0) {
        fail(at, '"in" needs a non-empty list');
        return undefined;
      }
      const values = operand.filter((v, i): v is Scalar => isOption(v, `${at}/${i}`));
      return values.length === operand.length ? { kind: 'in', field, values } : undefined;
    }
    case 'answered':
      if (typeof operand !== 'boolean') {
        fail(at, '"answered" must be true or false');
        return undefined;
      }
      return { kind: 'answered', field, answered: operand };
    default: {
      const compareOp = COMPARE_OPS.find((o) => o === op);
      if (compareOp === undefined) {
        fail(at, `unknown condition operator "${op}"`);
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
    fail(`${path}/count`, '"count" may only be used in a concern rule\'s "when"');
    return undefined;
  }
  const name = value['count'];
  const target = typeof name === 'string' ? ctx.places.get(name) : undefined;
  if (target === undefined || target.item.type !== 'repeat') {
    fail(`${path}/count`, `"count" names a repeat item of the form${typeof name === 'string' ? `; "${name}" is not one` : ''}`);
    return undefined;
  }
  if (repeatId !== undefined && repeatId !== target.item.id) {
    fail(`${path}/count`, `an item inside repeat "${repeatId}" can count only its own repeat's rows`);
    return undefined;
  }
  const ops = COMPARE_OPS.filter((o) => o in value);
  const op = ops[0];
  const limit = op === undefined ? undefined : value[op];
  if (ops.length !== 1 || op === undefined || typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    fail(path, '"count" needs exactly one of gt, gte, lt, lte with a whole number of rows');
    return undefined;
  }
  if (value['where'] === undefined) {
    fail(`${path}/where`, '"count" needs "where": the condition each counted row must meet');
    return undefined;
  }
  const where = readCondition({ ...ctx, countAllowed: false }, value['where'], `${path}/where`, target.item.id, undefined);
  if (where === undefined) return undefined;
  let ok = true;
  for (const field of conditionFields(where)) {
    const place = ctx.places.get(field);
    if (place?.repeatId !== target.item.id) {
      fail(`${path}/where`, `"${field}" is not an item of "${target.item.id}": "where" reads only the counted rows`);
      ok = false;
    } else if (place.raw === undefined || place.raw['relevant'] !== undefined) {
      fail(`${path}/where`, `"${field}" is not always shown in its row; "where" may read only items without a condition of their own`);
      ok = false;
    }
  }
  return ok ? { kind: 'count', repeat: target.item.id, where, op, value: limit } : undefined;
}

/** gt/gte/lt/lte against a literal of the item's kind, or against another item of the same type. */
function readComparison(ctx: ConditionsContext, target: Place, op: CompareOp, operand: unknown, path: string, repeatId: string | undefined): Condition | undefined {
  const { type, id: field } = target.item;
  if (!COMPARABLE.has(type)) {
    ctx.fail(path, `"${op}" compares integers, dates or times, but "${field}" is a ${type} item`);
    return undefined;
  }
  if (isObject(operand)) {
    rejectUnknownKeys(operand, ['field'], path, ctx.fail);
    const other = resolveField(ctx, operand['field'], `${path}/field`, repeatId);
    if (other === undefined) return undefined;
    if (other.item.type !== type) {
      ctx.fail(`${path}/field`, `"${field}" is a ${type} item but "${other.item.id}" is a ${other.item.type} item; compare like with like`);
      return undefined;
    }
    return { kind: 'compare_field', field, op, other: other.item.id };
  }
  const fits =
    (type === 'integer' && typeof operand === 'number' && Number.isFinite(operand)) ||
    (type === 'date' && typeof operand === 'string' && DATE.test(operand)) ||
    (type === 'time' && typeof operand === 'string' && TIME.test(operand));
  if (!fits || (typeof operand !== 'number' && typeof operand !== 'string')) {
    const expected = type === 'integer' ? 'a number' : type === 'date' ? 'a date as "YYYY-MM-DD"' : 'a time as "HH:MM"';
    ctx.fail(path, `"${op}" on the ${type} item "${field}" needs ${expected} or {"field": "<another ${type} item>"}`);
    return undefined;
  }
  return { kind: 'compare', field, op, value: operand };
}

export function readConcern(ctx: ConditionsContext, value: unknown, path: string, place: Place): ConcernRule | undefined {
  const { fail } = ctx;
  if (!isObject(value)) {
    fail(path, 'concern must be an object with when, rights and severity');
    return undefined;
  }
  rejectUnknownKeys(value, ['when', 'rights', 'severity', 'words'], path, fail);
  const when = readCondition({ ...ctx, countAllowed: true }, value['when'], `${path}/when`, place.repeatId, place.item.id);
  const severity: Severity | undefined = SEVERITIES.find((s) => s === value['severity']);
  if (severity === undefined) fail(`${path}/severity`, `severity must be one of ${SEVERITIES.join(', ')}`);
  const rights = value['rights'];
  let rightsOk = Array.isArray(rights) && rights.length > 0 && rights.every((r): r is string => typeof r === 'string');
  if (!rightsOk) fail(`${path}/rights`, 'rights must be a non-empty list of right ids from forms/standards.json');
  const rightList = rightsOk ? (rights as string[]) : [];
  rightList.forEach((right, index) => {
    if (rightList.indexOf(right) !== index) {
      fail(`${path}/rights/${index}`, `right "${right}" is listed twice`);
      rightsOk = false;
    } else if (ctx.knownRights !== undefined && !ctx.knownRights.has(right)) {
      fail(`${path}/rights/${index}`, `unknown right "${right}": add it to forms/standards.json or fix the id`);
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
    ctx.fail(path, 'words must be a non-empty list of text item ids');
    return null;
  }
  const ids: string[] = [];
  value.forEach((name, index) => {
    const target = resolveField(ctx, name, `${path}/${index}`, place.repeatId);
    if (target === undefined) return;
    if (target.item.type !== 'text' && target.item.type !== 'longtext') ctx.fail(`${path}/${index}`, `"${target.item.id}" is a ${target.item.type} item; words must name text items`);
    else ids.push(target.item.id);
  });
  return ids.length === value.length ? ids : null;
}

export function readConstraints(ctx: ConditionsContext, value: unknown, path: string, place: Place): Constraint[] | undefined {
  const { fail } = ctx;
  if (!Array.isArray(value) || value.length === 0) {
    fail(path, 'constraints must be a non-empty list of {"invalidWhen": condition, "message": text}');
    return undefined;
  }
  const constraints: Constraint[] = [];
  value.forEach((raw, index) => {
    const at = `${path}/${index}`;
    if (!isObject(raw)) {
      fail(at, 'a constraint must be an object with "invalidWhen" and "message"');
      return;
    }
    rejectUnknownKeys(raw, ['invalidWhen', 'message'], at, fail);
    const invalidWhen = readCondition(ctx, raw['invalidWhen'], `${at}/invalidWhen`, place.repeatId, place.item.id);
    const message = readLocalized(raw['message'], `${at}/message`, true, ctx.languages, fail);
    if (invalidWhen !== undefined && message !== undefined) constraints.push({ invalidWhen, message });
  });
  return constraints.length === value.length ? constraints : undefined;
}
