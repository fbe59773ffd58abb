import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, SYNC_REFUSALS, type ErrorCodeSpec } from '../../../src/core/api/error-codes.ts';
import { ApiFailure } from '../../../src/app/api/client.ts';
import { apiErrorsEn } from '../../../src/app/i18n/api-errors.en.ts';
import { apiErrorsRu } from '../../../src/app/i18n/api-errors.ru.ts';
import { errorText, refusalReasonText } from '../../../src/app/i18n/error-text.ts';
import { type Language, LANGUAGES, loadLanguage, translator } from '../../../src/app/i18n/messages.ts';

// The words of each language are a chunk of their own, fetched before the first render (main.tsx).
beforeAll(() => Promise.all((Object.keys(LANGUAGES) as Language[]).map((language) => loadLanguage(language))));

const languages = Object.keys(LANGUAGES) as Language[];
const ERROR_TEXTS = { en: apiErrorsEn, ru: apiErrorsRu } as const;
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** Every code of the server's catalogue, and every sync refusal, reads in every language the app speaks. */
describe('the error catalogue in the app', () => {
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

  it('recognises a refusal reason as the server words it, and says it in the reader’s language', () => {
    const reason = SYNC_REFUSALS.form_not_published.en.replace('{form}', 'hearing@9');
    expect(refusalReasonText('ru', reason)).toBe('Анкета hearing@9 никогда не публиковалась на этом сервере.');
    expect(refusalReasonText('en', SYNC_REFUSALS.not_assigned_to_case.en)).toBe('You are not assigned to this case.');
    expect(refusalReasonText('ru', 'A reason of a newer server.')).toBe('A reason of a newer server.');
  });
});
