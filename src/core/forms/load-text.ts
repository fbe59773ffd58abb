import type { FormFaultCode, FormFaultParams } from './load-faults.ts';
import type { LocalizedText } from './types.ts';

/** A parsed JSON object, as the author wrote it. */
export type Json = Record<string, unknown>;

/** Records one fault at a JSON Pointer into the author's file; loading goes on to find the rest. */
/** Records one fault of the form at a JSON Pointer, by its kind and parameters (load-faults.ts). */
export type Fail = (path: string, code: FormFaultCode, params?: FormFaultParams) => void;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LANGUAGE = /^[a-z]{2,3}$/;

export function readLanguages(value: unknown, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((l): l is string => typeof l === 'string' && LANGUAGE.test(l))) {
    fail('/languages', 'bad_languages');
    return ['en'];
  }
  if (new Set(value).size !== value.length) fail('/languages', 'language_twice');
  return value;
}

/** Reads text given in every declared language; a missing or extra language is a fault at its own path. */
export function readLocalized(value: unknown, path: string, required: boolean, languages: readonly string[], fail: Fail): LocalizedText | undefined {
  if (value === undefined) {
    if (required) fail(path, 'text_missing', { languages: languages.join(', ') });
    return undefined;
  }
  if (!isObject(value)) {
    fail(path, 'text_not_object');
    return undefined;
  }
  const text: Record<string, string> = {};
  for (const language of languages) {
    const entry = value[language];
    if (typeof entry !== 'string' || entry.trim() === '') fail(`${path}/${language}`, 'language_text_missing', { language });
    else text[language] = entry;
  }
  for (const key of Object.keys(value)) {
    if (!languages.includes(key)) fail(`${path}/${key}`, 'undeclared_language', { language: key });
  }
  return text;
}

/** Reports every key of `raw` that is not in `allowed`. */
export function rejectUnknownKeys(raw: Json, allowed: readonly string[], path: string, fail: Fail): void {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) fail(`${path}/${key}`, 'unknown_property', { key });
}
