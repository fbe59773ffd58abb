import type { LocalizedText } from './types.ts';
import type { FormError } from './load-form.ts';
import { isObject } from './load-text.ts';

/** One right from forms/standards.json: the standard a question tests and a finding points to. */
export interface Right {
  readonly id: string;
  readonly instrument: string;
  readonly article: string;
  readonly title: LocalizedText;
  /** How the right is cited in a sentence, per language ("ICCPR 14(3)(e)", "МПГПП, ст. 14(3)(д)"). */
  readonly citation: LocalizedText;
  readonly explanation: LocalizedText;
  /**
   * A regional standard ("council-of-europe") applies only to projects in that region; it `corresponds` to
   * universal rights that the forms' rules name, so the checklists stay the same everywhere and a project
   * in a Council of Europe state cites ECHR 6 next to ICCPR 14(1).
   */
  readonly region?: string;
  readonly corresponds?: readonly string[];
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
    const right: Right = { id: raw['id'], instrument, article, title: text('title'), citation: text('citation'), explanation: text('explanation') };
    rights.push({ ...right, ...regional(raw, path, errors) });
  });
  const known = new Set(rights.map((r) => r.id));
  rights.forEach((right, index) =>
    right.corresponds?.forEach((id, at) => {
      if (!known.has(id)) errors.push({ path: `/rights/${index}/corresponds/${at}`, message: `unknown right "${id}"` });
    }),
  );
  return { rights, errors };
}

/** The optional region and corresponding universal rights of a regional standard; both or neither. */
function regional(raw: Record<string, unknown>, path: string, errors: FormError[]): { region?: string; corresponds?: string[] } {
  const { region, corresponds } = raw;
  if (region === undefined && corresponds === undefined) return {};
  if (typeof region !== 'string' || !/^[a-z][a-z-]*$/.test(region)) {
    errors.push({ path: `${path}/region`, message: 'a regional right needs "region" (lower-case letters and dashes, e.g. "council-of-europe")' });
    return {};
  }
  if (!Array.isArray(corresponds) || corresponds.length === 0 || !corresponds.every((c): c is string => typeof c === 'string')) {
    errors.push({ path: `${path}/corresponds`, message: 'a regional right lists the universal rights it corresponds to in "corresponds"' });
    return {};
  }
  return { region, corresponds };
}
