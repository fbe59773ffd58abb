import type * as v from 'valibot';
import { isCalendarDate } from '../forms/answer-shape.ts';
import { isStorableText } from '../sync/text.ts';

/**
 * The kinds of fault a bad input has, as stable keys with their limits: what `invalid_input`'s `issue`
 * and each of its `issues[].code` name, with `params` ({max}, {min}...), so that the app says "at most 64
 * characters" in the reader's language instead of a schema's English message. Like the error codes, a
 * key and its parameter names never change once shipped; add new keys instead.
 */
export const INPUT_ISSUES = {
  too_long: { params: { max: 'number' }, en: 'at most {max} characters' },
  too_short: { params: { min: 'number' }, en: 'at least {min} characters' },
  too_many: { params: { max: 'number' }, en: 'at most {max} items' },
  too_few: { params: { min: 'number' }, en: 'at least {min} items' },
  wrong_length: { params: { length: 'number' }, en: 'exactly {length} characters or items' },
  empty: { params: {}, en: 'must not be empty' },
  below_min: { params: { min: 'number' }, en: 'at least {min}' },
  above_max: { params: { max: 'number' }, en: 'at most {max}' },
  not_integer: { params: {}, en: 'must be a whole number' },
  not_finite: { params: {}, en: 'must be a finite number' },
  not_uuid: { params: {}, en: 'must be an identifier (UUID)' },
  not_a_date: { params: {}, en: 'must be a date (YYYY-MM-DD)' },
  no_such_date: { params: {}, en: 'must be a day of the calendar (there is no such date)' },
  not_a_timestamp: { params: {}, en: 'must be a date and time' },
  unstorable_text: { params: {}, en: 'must not contain a NUL character or a broken Unicode character (a lone surrogate)' },
  not_email: { params: {}, en: 'must be an email address' },
  not_url: { params: {}, en: 'must be a web address' },
  not_base64: { params: {}, en: 'must be base64 data' },
  pattern: { params: {}, en: 'is not in the required form' },
  missing: { params: {}, en: 'is missing' },
  unknown_key: { params: {}, en: 'is not a field this accepts' },
  wrong_type: { params: { expected: 'string' }, en: 'must be {expected}' },
  not_allowed: { params: {}, en: 'is not one of the allowed values' },
  app_too_old: { params: {}, en: 'this app is too old for the server: update it (your data stays on the device)' },
  not_valid: { params: {}, en: 'is not valid' },
} as const satisfies Readonly<Record<string, { readonly params: Readonly<Record<string, 'number' | 'string'>>; readonly en: string }>>;

export type InputIssue = keyof typeof INPUT_ISSUES;

export function isInputIssue(key: string): key is InputIssue {
  return Object.hasOwn(INPUT_ISSUES, key);
}

/** What `wrong_type`'s `expected` names, as stable keys with their English words. */
export const EXPECTED_TYPES = { text: 'text', number: 'a number', boolean: 'true or false', list: 'a list', object: 'a group of fields', other: 'another kind of value' } as const;
export type ExpectedType = keyof typeof EXPECTED_TYPES;

/** One fault of a bad input: where (a dotted path, or "(body)"), its key and parameters, and the schema's English message for logs. */
export interface InputFault {
  readonly path: string;
  readonly code: InputIssue;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

const SIMPLE: Readonly<Record<string, InputIssue>> = {
  non_empty: 'empty',
  integer: 'not_integer',
  safe_integer: 'not_integer',
  finite: 'not_finite',
  uuid: 'not_uuid',
  iso_date: 'not_a_date',
  iso_timestamp: 'not_a_timestamp',
  iso_date_time: 'not_a_timestamp',
  email: 'not_email',
  url: 'not_url',
  base64: 'not_base64',
  regex: 'pattern',
  literal: 'not_allowed',
  picklist: 'not_allowed',
  enum: 'not_allowed',
  variant: 'not_allowed',
};

const TYPE_OF: Readonly<Record<string, ExpectedType>> = {
  string: 'text',
  number: 'number',
  boolean: 'boolean',
  array: 'list',
  tuple: 'list',
  object: 'object',
  strict_object: 'object',
  loose_object: 'object',
  object_with_rest: 'object',
  record: 'object',
};

const OBJECTS = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest']);

/** The shared checks (v.check) that say more than "not valid", known by their function. */
const CHECKS = new Map<unknown, InputIssue>([
  [isStorableText, 'unstorable_text'],
  [isCalendarDate, 'no_such_date'],
]);

const limit = (requirement: unknown): number => (typeof requirement === 'number' ? requirement : Number(requirement));

/** The key and parameters of one valibot issue (its `type`, and `requirement` for a limit). */
export function inputIssue(issue: v.BaseIssue<unknown>): { readonly code: InputIssue; readonly params: Readonly<Record<string, string | number>> } {
  const { type, input } = issue;
  const requirement: unknown = (issue as { readonly requirement?: unknown }).requirement;
  // A push's `protocol` is the one literal at the top of a body (src/core/sync/protocol.ts PushRequest):
  // another value there means an app of another protocol version, which must be told to update.
  if (type === 'literal' && issue.path?.length === 1 && issue.path[0]?.key === 'protocol') return { code: 'app_too_old', params: {} };
  if (type === 'check') return { code: CHECKS.get(requirement) ?? 'not_valid', params: {} };
  const simple = SIMPLE[type];
  if (simple !== undefined) return { code: simple, params: {} };
  switch (type) {
    case 'max_length':
      return typeof input === 'string' ? { code: 'too_long', params: { max: limit(requirement) } } : { code: 'too_many', params: { max: limit(requirement) } };
    case 'min_length':
      return typeof input === 'string' ? { code: 'too_short', params: { min: limit(requirement) } } : { code: 'too_few', params: { min: limit(requirement) } };
    case 'length':
      return { code: 'wrong_length', params: { length: limit(requirement) } };
    case 'min_value':
      return { code: 'below_min', params: { min: limit(requirement) } };
    case 'max_value':
      return { code: 'above_max', params: { max: limit(requirement) } };
  }
  if (OBJECTS.has(type) && issue.expected === 'never') return { code: 'unknown_key', params: {} };
  if (OBJECTS.has(type) && issue.received === 'undefined' && issue.path !== undefined) return { code: 'missing', params: {} };
  const expected = TYPE_OF[type];
  if (issue.kind === 'schema' && type !== 'union') return { code: 'wrong_type', params: { expected: expected ?? 'other' } };
  return { code: 'not_valid', params: {} };
}

/** Every fault of a bad input, where it is and what it is. */
export function inputFaults(issues: readonly v.BaseIssue<unknown>[]): InputFault[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((step) => String(step.key)).join('.') || '(body)',
    ...inputIssue(issue),
    message: issue.message,
  }));
}

/** The English words of a fault (for messages, logs and the command line). */
export function formatInputIssue(code: InputIssue, params: Readonly<Record<string, string | number>>): string {
  return INPUT_ISSUES[code].en.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return name === 'expected' && Object.hasOwn(EXPECTED_TYPES, value) ? EXPECTED_TYPES[value as ExpectedType] : String(value);
  });
}
