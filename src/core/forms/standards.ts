import type { LocalizedText } from './types.ts';
import type { FormError } from './load-form.ts';
import { isObject } from './load-text.ts';

/** One right from forms/standards.json: the standard a question tests and a finding points to. */
export interface Right {
  readonly id: string;
  readonly instrument: string;
  readonly article: string;
  readonly title: LocalizedText;
  readonly explanation: LocalizedText;
}

/** Reads the rights catalogue, reporting each fault with its JSON Pointer path. */
export function readStandards(input: unknown): { rights: Right[]; errors: FormError[] } {
  const errors: FormError[] = [];
  const rights: Right[] = [];
  if (!isObject(input) || !Array.isArray(input['rights']) || !Array.isArray(input['languages'])) {
    return { rights, errors: [{ path: '/', message: 'standards.json needs "languages" and "rights" lists' }] };
  }
  const languages = input['languages'].filter((l): l is string => typeof l === 'string');
  const ids = new Set<string>();
  input['rights'].forEach((raw, index) => {
    const path = `/rights/${index}`;
    if (!isObject(raw) || typeof raw['id'] !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(raw['id'])) {
      errors.push({ path: `${path}/id`, message: 'a right needs an id of lower-case letters, digits and dashes' });
      return;
    }
    if (ids.has(raw['id'])) errors.push({ path: `${path}/id`, message: `duplicate right "${raw['id']}"` });
    ids.add(raw['id']);
    const text = (key: string): LocalizedText => {
      const value = raw[key];
      const result: Record<string, string> = {};
      for (const language of languages) {
        const entry = isObject(value) ? value[language] : undefined;
        if (typeof entry !== 'string' || entry.trim() === '') errors.push({ path: `${path}/${key}/${language}`, message: `missing ${language} text` });
        else result[language] = entry;
      }
      return result;
    };
    const instrument = typeof raw['instrument'] === 'string' ? raw['instrument'] : '';
    const article = typeof raw['article'] === 'string' ? raw['article'] : '';
    if (instrument === '') errors.push({ path: `${path}/instrument`, message: 'instrument is missing' });
    if (article === '') errors.push({ path: `${path}/article`, message: 'article is missing' });
    rights.push({ id: raw['id'], instrument, article, title: text('title'), explanation: text('explanation') });
  });
  return { rights, errors };
}
