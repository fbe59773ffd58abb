import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, SYNC_REFUSALS, type ErrorCodeSpec } from '../../../src/core/api/error-codes.ts';
import { ApiFailure } from '../../../src/app/base/api/client.ts';
import { apiErrorsEn } from '../../../src/app/base/i18n/api-errors.en.ts';
import { apiErrorsRu } from '../../../src/app/base/i18n/api-errors.ru.ts';
import { issueText } from '../../../src/app/base/i18n/api-errors.ts';
import { EXPECTED_TYPES, INPUT_ISSUES } from '../../../src/core/api/input-issues.ts';
import { FORM_FAULTS } from '../../../src/core/forms/load-faults.ts';
import { ApiError, errorBody } from '../../../src/server/errors.ts';
import { parseInput } from '../../../src/server/http/validate.ts';
import { errorText, refusalReasonText } from '../../../src/app/base/i18n/error-text.ts';
import { LANGUAGES, loadLanguage, translator, type Language } from '../../../src/app/base/i18n/messages.ts';

const languages = Object.keys(LANGUAGES) as Language[];
const ERROR_TEXTS = { en: apiErrorsEn, ru: apiErrorsRu } as const;
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** Every code of the server's catalogue, and every sync refusal, reads in every language the app speaks. */
describe('the error catalogue in the app', () => {
  beforeAll(async () => {
    await Promise.all(languages.map((language) => loadLanguage(language)));
  });

  it.each(languages)('gives every code a sentence in %s, with only the parameters the code carries', (language) => {
    const texts = ERROR_TEXTS[language].errors as Readonly<Record<string, string | Readonly<Record<string, string>>>>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, spec] of Object.entries(ERROR_CODES) as [string, ErrorCodeSpec][]) {
      const text = texts[code];
      const keyed = Object.entries(spec.params).find(([, type]) => typeof type === 'object');
      if (keyed === undefined) {
        expect(typeof text, code).toBe('string');
        for (const name of placeholders(text as string)) expect(Object.keys(spec.params), `${code} {${name}}`).toContain(name);
      } else {
        // One sentence per key of the keyed parameter (the words agree with it), none missing.
        expect(Object.keys(text as object).sort(), code).toEqual(Object.keys(keyed[1] as object).sort());
        for (const sentence of Object.values(text as Record<string, string>)) expect(sentence.length, code).toBeGreaterThan(5);
      }
    }
  });

  it.each(languages)('gives every sync refusal a sentence in %s, with the parameters the server sends', (language) => {
    const texts = ERROR_TEXTS[language].refusals as Readonly<Record<string, string>>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(SYNC_REFUSALS).sort());
    for (const [code, spec] of Object.entries(SYNC_REFUSALS)) expect(placeholders(texts[code] ?? ''), code).toEqual(Object.keys(spec.params).sort());
  });

  it('says a refusal by its code and parameters, in Russian too, and names a code it does not know', () => {
    const ru = { t: translator('ru'), language: 'ru' as const };
    const notFound = new ApiFailure('refused', 404, 'not_found', 'The case was not found.', [], { what: 'case' });
    expect(errorText(ru, notFound)).toBe('Дело не найдено.');
    const limited = new ApiFailure('refused', 429, 'rate_limited', 'Too many attempts. Wait 42 seconds and try again.', [], { seconds: 42 });
    expect(errorText(ru, limited)).toContain('42');
    expect(errorText(ru, limited)).not.toContain('Too many');
    const newer = new ApiFailure('refused', 409, 'something_new', 'A sentence of a newer server.');
    expect(errorText({ t: translator('en'), language: 'en' }, newer)).toContain('something_new');
    expect(errorText({ t: translator('en'), language: 'en' }, newer)).not.toContain('newer server');
  });

  it('says a refusal from its code and parameters in the reader’s language, whatever the English reason', () => {
    const refused = { syncNote: 'Some English wording.', syncRefusal: { code: 'form_not_published', params: { form: 'hearing@9' } } };
    expect(refusalReasonText('ru', refused)).toBe('Анкета hearing@9 никогда не публиковалась на этом сервере.');
    expect(refusalReasonText('en', { syncNote: 'x', syncRefusal: { code: 'not_assigned_to_case', params: {} } })).toBe('You are not assigned to this case.');
    // A code of a newer server: its own words are all the device has.
    expect(refusalReasonText('ru', { syncNote: 'A reason of a newer server.', syncRefusal: { code: 'something_new', params: {} } })).toBe('A reason of a newer server.');
  });

  it('reads a refusal stored before the codes (only its English reason) back into its code', () => {
    const reason = SYNC_REFUSALS.form_not_published.en.replace('{form}', 'hearing@9');
    expect(refusalReasonText('ru', { syncNote: reason })).toBe('Анкета hearing@9 никогда не публиковалась на этом сервере.');
    expect(refusalReasonText('en', { syncNote: SYNC_REFUSALS.not_assigned_to_case.en })).toBe('You are not assigned to this case.');
    expect(refusalReasonText('ru', { syncNote: 'A reason of a newer server.' })).toBe('A reason of a newer server.');
  });

  it.each(languages)('says every kind of input fault in %s, with where it is and its limits', (language) => {
    const texts = ERROR_TEXTS[language].issues as Readonly<Record<string, string>>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(INPUT_ISSUES).sort());
    for (const [code, spec] of Object.entries(INPUT_ISSUES)) expect(placeholders(texts[code] ?? ''), code).toEqual(['path', ...Object.keys(spec.params)].sort());
    expect(Object.keys(ERROR_TEXTS[language].expected).sort()).toEqual(Object.keys(EXPECTED_TYPES).sort());
  });

  it.each(languages)('says every fault of a form definition in %s, with the parameters the loader gives', (language) => {
    const texts = ERROR_TEXTS[language].formFaults as Readonly<Record<string, string>>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(FORM_FAULTS).sort());
    for (const [code, english] of Object.entries(FORM_FAULTS)) expect(placeholders(texts[code] ?? ''), code).toEqual(placeholders(english));
    // The two kinds of fault share one wire field (issues[].code): their keys must not collide.
    expect(Object.keys(FORM_FAULTS).filter((code) => Object.hasOwn(INPUT_ISSUES, code))).toEqual([]);
  });

  it('translates a bad input the server refused by each fault’s kind, not by the schema’s English', () => {
    const schema = v.strictObject({ code: v.pipe(v.string(), v.minLength(3, 'code is too short (English)')), count: v.number('count must be a number (English)') });
    let body: ReturnType<typeof errorBody> | undefined;
    try {
      parseInput(schema, { code: 'x', count: 'many' }, 'body');
    } catch (error) {
      if (error instanceof ApiError) body = errorBody(error as ApiError);
    }
    if (body === undefined) throw new Error('the server should refuse this input');
    const { code, message, issues = [], params = {} } = body.error;
    const failure = new ApiFailure('refused', 400, code, message, issues, params);
    const ru = { t: translator('ru'), language: 'ru' as const };
    expect(failure.issues.map((issue) => issueText('ru', issue))).toEqual(['code: не менее 3 символов', 'count: должно быть число']);
    expect(failure.issues.map((issue) => issueText('en', issue))).toEqual(['code: at least 3 characters', 'count should be a number']);
    expect(errorText(ru, failure)).toBe('В запросе есть ошибка (code: не менее 3 символов).');
    expect(errorText(ru, failure)).not.toContain('English');
    // A kind this app does not know, or none, reads as a fault at its place, never in the English sent with it.
    expect(issueText('ru', { path: 'x', message: 'English', code: 'some_new_check' })).toBe('x: значение недопустимо');
    expect(issueText('ru', { path: 'x', message: 'English' })).toBe('x: значение недопустимо');
    // A form loader's fault by its own key and parameters.
    expect(issueText('ru', { path: '/sections/0/items/1/id', message: 'English', code: 'duplicate_item_id', params: { id: 'judge', also: '/sections/0/items/0' } })).toBe(
      '/sections/0/items/1/id: id вопроса «judge» повторяется (также в /sections/0/items/0; id должны быть уникальны во всей анкете)',
    );
    expect(issueText('ru', { path: '/title', message: 'English', code: 'not_as_schema', params: { kind: 'too_long', max: 200 } })).toBe('/title: не соответствует forms/schema.json: не более 200 символов');
  });
});
