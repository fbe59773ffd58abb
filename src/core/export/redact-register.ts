import { skeleton } from './redact-spelling.ts';

/**
 * A case's register of people: who a code stands for. Coordinators keep it on the server; an observer
 * may keep one on the phone. Codes-only exports replace every registered name with its code.
 */
export const PERSON_ROLES = ['defendant', 'victim', 'witness', 'expert', 'judge', 'prosecutor', 'lawyer', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface RegisterEntry {
  readonly code: string;
  readonly role: PersonRole;
  readonly name: string;
}

/** Below this many letters a word of a name is "short": found only as the exact word, and only next to another word of the name. */
export const SHORT_WORD = 4;

export const CODE_PATTERN = /^[A-Z][A-Z0-9-]{0,15}$/;
/** O1, O2... are the observers' codes in every export (src/server/routes/case-bundle.ts). */
const OBSERVER_CODE = /^O[0-9]+$/;
export const NAME_MAX = 200;

/**
 * Words that are names and also ordinary words (Вера "faith", Роман "novel", ли the particle, Will,
 * Grace...). On its own such a word is never replaced, or «веру» and «роман» in a witness's account
 * would become codes; next to another word of the same person's name («Роман Петров») it is.
 * Compared as skeletons, so Latin and Cyrillic spellings and capitals are all covered.
 */
const COMMON_WORDS = [
  'ли', 'ким', 'ян', 'мин', 'лев', 'мир', 'вера', 'надежда', 'любовь', 'роман', 'слава', 'мила', 'лилия', 'роза', 'майя',
  'виктория', 'сила', 'жук', 'волк', 'орел', 'мороз', 'зима', 'лето', 'мира', 'заря', 'дана',
  'will', 'grace', 'hope', 'faith', 'mark', 'rose', 'joy', 'may', 'june', 'april', 'bill', 'frank', 'jack', 'art', 'dean',
  'major', 'young', 'white', 'black', 'brown', 'green', 'king', 'page', 'long', 'little', 'rich', 'lee', 'li',
];
const COMMON = new Set(COMMON_WORDS.map(skeleton));

/** How many letters a word has (combining marks, as in «й» typed as и + breve, are not letters of their own). */
export function letterCount(word: string): number {
  return word.match(/\p{L}/gu)?.length ?? 0;
}

/** The words of a name: runs of Unicode letters (and combining marks), of two letters or more; single letters are initials. */
export function nameWords(name: string): string[] {
  return (name.match(/[\p{L}\p{M}]+/gu) ?? []).filter((w) => letterCount(w) >= 2);
}

/** Whether one word of a name is safe to replace wherever it stands alone (long enough and not an ordinary word). */
export function standsAlone(word: string): boolean {
  return letterCount(word) >= SHORT_WORD && !COMMON.has(skeleton(word));
}

/** What is wrong with a register entry: the server says it in English, the screens in the user's language. */
export type RegisterProblem =
  | { readonly kind: 'code_empty' }
  | { readonly kind: 'code_format'; readonly code: string }
  | { readonly kind: 'code_observer'; readonly code: string }
  | { readonly kind: 'name_empty' }
  | { readonly kind: 'name_too_long' }
  | { readonly kind: 'name_initials'; readonly name: string }
  | { readonly kind: 'name_too_common'; readonly name: string };

/** What is wrong with an entry's code, or undefined when it can be used. */
export function codeProblem(code: string): RegisterProblem | undefined {
  if (code.trim() === '') return { kind: 'code_empty' };
  if (!CODE_PATTERN.test(code)) return { kind: 'code_format', code };
  if (OBSERVER_CODE.test(code)) return { kind: 'code_observer', code };
  return undefined;
}

/**
 * What is wrong with an entry's name, or undefined when it can be matched safely. A name needs one word
 * that stands alone, or two words (then replaced where they stand together): a lone «Ли» would otherwise
 * turn every question «знаете ли вы» into a code.
 */
export function nameProblem(name: string): RegisterProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return { kind: 'name_empty' };
  if (trimmed.length > NAME_MAX) return { kind: 'name_too_long' };
  const words = nameWords(trimmed);
  if (words.length === 0) return { kind: 'name_initials', name: trimmed };
  if (words.length === 1 && !standsAlone(words[0] ?? '')) return { kind: 'name_too_common', name: trimmed };
  return undefined;
}

/** The problem in English, for the API's error message. */
export function problemText(problem: RegisterProblem): string {
  switch (problem.kind) {
    case 'code_empty':
      return 'The code is empty: give one such as D1 (defendant) or W2 (witness).';
    case 'code_format':
      return `The code "${problem.code}" must be a capital Latin letter followed by up to 15 capital letters, digits or dashes (D1, W2, J-1): it replaces names in exports and file names.`;
    case 'code_observer':
      return `The code "${problem.code}" looks like an observer's code (O1, O2... name the observers in exports): choose another letter.`;
    case 'name_empty':
      return "The name is empty: write the person's name as it may appear in reports.";
    case 'name_too_long':
      return `The name is longer than ${NAME_MAX} characters.`;
    case 'name_initials':
      return `"${problem.name}" has no word of two letters or more: initials alone cannot be found in text. Write the name in full.`;
    case 'name_too_common':
      return `"${problem.name}" is too short or too common a word to be replaced on its own without changing ordinary words (like the particle «ли»). Add the first name or the surname (as in «Ли Мин»): the two are then replaced wherever they stand together.`;
  }
}
