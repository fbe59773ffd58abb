/**
 * The server's error codes and the sync's refusal reasons in the reader's language. Each language gives
 * every code of the catalogue (src/core/api/error-codes.ts) a sentence, with the code's parameters as
 * `{name}`; a code whose parameter is one of a fixed set of keys (`forbidden`'s `what`) gives a sentence
 * per key, since languages agree a sentence with its subject (Russian «не найдено» / «не найдена»).
 * A missing code fails the typecheck, and tests/unit/app/api-errors.test.ts checks every parameter.
 */
import type { ERROR_CODES, ErrorCode, SyncRefusal } from '../../../core/api/error-codes.ts';
// Types only: the catalogues' keys are checked against the loaded language's tables, whose types name every
// key, so the core's English tables stay out of the first screen's download.
import type { ExpectedType, InputIssue } from '../../../core/api/input-issues.ts';
import type { FormFaultCode } from '../../../core/forms/load-faults.ts';
import type { Language } from './messages.ts';

type ParamsOf<C extends ErrorCode> = (typeof ERROR_CODES)[C]['params'];
/** The parameter of a code that is one of a fixed set of keys, if it has one. */
type KeyedParam<C extends ErrorCode> = { [P in keyof ParamsOf<C>]: ParamsOf<C>[P] extends string ? never : P }[keyof ParamsOf<C>];
/** A sentence, or a sentence for each key of the code's keyed parameter. */
export type ErrorText<C extends ErrorCode> = [KeyedParam<C>] extends [never] ? string : { readonly [K in keyof ParamsOf<C>[KeyedParam<C>]]: string };

export type ApiErrorTexts = { readonly [C in ErrorCode]: ErrorText<C> };
export type RefusalTexts = { readonly [R in SyncRefusal]: string };

/**
 * What is wrong at `{path}`, per kind of fault (`issues[].code`, a key of src/core/api/input-issues.ts),
 * with the fault's parameters ({max}, {min}...); `{expected}` is said with `expected`'s words.
 */
export type IssueTexts = { readonly [I in InputIssue]: string };
export type ExpectedTexts = { readonly [E in ExpectedType]: string };
/** What is wrong in a form definition, per fault of the form loader, with its parameters (the path is added before it). */
export type FormFaultTexts = { readonly [F in FormFaultCode]: string };

export interface ErrorCatalogue {
  readonly errors: ApiErrorTexts;
  readonly refusals: RefusalTexts;
  readonly issues: IssueTexts;
  readonly expected: ExpectedTexts;
  readonly formFaults: FormFaultTexts;
}

// Each language's sentences arrive in its chunk, with its messages (messages.ts, loadLanguage): they are
// not in the first screen's download, and a phone fetches only the language it shows.
const catalogues = new Map<Language, ErrorCatalogue>();

/** Keeps a language's sentences (loadLanguage calls it with the catalogue its chunk brought). */
export function keepErrorCatalogue(language: Language, catalogue: ErrorCatalogue): void {
  catalogues.set(language, catalogue);
}

const fill = (template: string, params: Readonly<Record<string, unknown>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });

/** The sentence of a server error code with its parameters; undefined for a code this app does not know (a newer server). */
export function apiErrorText(language: Language, code: string, params: Readonly<Record<string, unknown>> = {}): string | undefined {
  const texts = catalogues.get(language)?.errors;
  if (texts === undefined || !Object.hasOwn(texts, code)) return undefined;
  const text: string | Readonly<Record<string, string>> = texts[code as ErrorCode];
  if (typeof text === 'string') return fill(text, params);
  const keyed = Object.values(params).find((value): value is string => typeof value === 'string' && Object.hasOwn(text, value));
  const sentence = keyed === undefined ? undefined : text[keyed];
  return sentence === undefined ? undefined : fill(sentence, params);
}

/** A sync refusal's reason (as the server sent it, English) in the reader's language; undefined before the language is loaded. */
export function refusalText(language: Language, code: SyncRefusal, params: Readonly<Record<string, string>>): string | undefined {
  const sentence = catalogues.get(language)?.refusals[code];
  return sentence === undefined ? undefined : fill(sentence, params);
}

/** One fault of a bad input as the server lists it (`issues[]`). */
export interface IssueOnWire {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * One fault of a bad input in the reader's language, with where it is: by its kind (`code`) and its
 * parameters, never by the schema's English message. A kind this app does not know (a newer server)
 * reads as "not valid". A fault of a form definition (invalid_form; src/core/forms/load-faults.ts, whose
 * keys are not input faults') is said from its own catalogue, after its path.
 */
export function issueText(language: Language, issue: IssueOnWire): string {
  const catalogue = catalogues.get(language);
  // Languages load before the first render (main.tsx): without one, say only where the fault is.
  if (catalogue === undefined) return issue.path;
  const params = issue.params ?? {};
  const isIssue = (code: string): code is InputIssue => Object.hasOwn(catalogue.issues, code);
  const isFormFault = (code: string): code is FormFaultCode => Object.hasOwn(catalogue.formFaults, code);
  if (issue.code !== undefined && !isIssue(issue.code) && isFormFault(issue.code)) {
    const kind = params['kind'];
    // not_as_schema names an input fault's kind: its words, without a path of their own.
    const words = typeof kind === 'string' ? issueText(language, { path: '', message: '', code: kind, params }).replace(/^:?\s*/, '') : '';
    const text = fill(catalogue.formFaults[issue.code], { ...params, kind: words });
    return issue.path === '' ? text : `${issue.path}: ${text}`;
  }
  const code: InputIssue = issue.code !== undefined && isIssue(issue.code) ? issue.code : 'not_valid';
  const expected = params['expected'];
  const words = typeof expected === 'string' && Object.hasOwn(catalogue.expected, expected) ? catalogue.expected[expected as ExpectedType] : catalogue.expected.other;
  return fill(catalogue.issues[code], { ...params, expected: words, path: issue.path });
}
