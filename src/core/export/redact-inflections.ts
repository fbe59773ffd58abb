import { skeleton } from './redact-spelling.ts';

/**
 * The forms a Russian name takes in a sentence (Иванов, Иванова, Иванову, Ивановым...), as skeletons
 * (redact-spelling.ts), so that the same list serves Cyrillic and Latin text. The endings are written in
 * skeleton letters: ы and й are "i", ю is "iu", я is "ia", х is "h", ь disappears.
 *
 * Which endings, and why (the classes are tried in this order; the first that fits is used):
 * - surnames in -ов/-ев/-ин/-ын and their feminine -ова/-ева/-ина: the mixed declension of both genders
 *   and the plural (Ивановы, Ивановых), from one stem: -а -у -ым -ом -е -ой -ою -ы -ых -ыми. A register
 *   entry «Иванова» also finds «Иванов»: spouses and relatives share the stem, and missing a relative is
 *   worse than replacing one too many.
 * - adjectival surnames in -ский/-цкий/-ская/-цкая: -ий -ой -ого -ому -им -ом -ая -ую -ие -их -ими.
 * - names in -я (Мария, Наталья, Илья): -я -и -е -ю -ей -ею.
 * - names in -а (Анна, Ольга, Никита): -а -ы -и -е -у -ой -ою.
 * - names in -й (Андрей, Сергей, Николай): -й -я -ю -ем -е.
 * - names and surnames ending in a consonant or -ь (Иван, Игорь, Мельник): -а -у -ом -ем -е -ы -и -я -ю;
 *   for -ел/-ек the vowel also drops (Павел, Павла).
 * - anything else (Шевченко, Гюго, Дюма) does not decline: only the word itself.
 * Not covered: nicknames and diminutives (Ваня for Иван), possessive adjectives (Иванов as in «Иванов
 * дом» is covered, «ивановский» is not), and forms that change the stem beyond the rules above.
 */
const SURNAME = ['', 'a', 'u', 'im', 'om', 'e', 'oi', 'oiu', 'i', 'ih', 'imi'];
const ADJECTIVE = ['i', 'oi', 'ogo', 'omu', 'im', 'om', 'aia', 'uiu', 'ie', 'ih', 'imi'];
const IN_IA = ['ia', 'i', 'e', 'ie', 'iu', 'iei', 'ei', 'eiu', 'ieiu'];
const IN_A = ['a', 'i', 'e', 'u', 'oi', 'oiu'];
const IN_I = ['i', 'ia', 'iu', 'em', 'e'];
const CONSONANT = ['', 'a', 'u', 'om', 'em', 'e', 'i', 'ia', 'iu'];

const VOWELS = /[aeiou]$/;

/** Every form of one word of a name, as skeletons (the word's own skeleton first). */
export function inflectedForms(word: string): string[] {
  const base = skeleton(word);
  const forms = (stem: string, endings: readonly string[]): string[] => endings.map((e) => skeleton(stem + e));
  const out = [base];
  let match: RegExpExecArray | null;
  if ((match = /^(.+(?:ov|ev|in))a?$/.exec(base)) !== null) out.push(...forms(match[1] ?? '', SURNAME));
  else if ((match = /^(.+[sc]k)(?:i|oi|aia)$/.exec(base)) !== null) out.push(...forms(match[1] ?? '', ADJECTIVE));
  else if ((match = /^(.+?)i?a$/.exec(base)) !== null && base.endsWith('ia')) out.push(...forms(match[1] ?? '', IN_IA));
  else if ((match = /^(.+)a$/.exec(base)) !== null) out.push(...forms(match[1] ?? '', IN_A));
  else if ((match = /^(.+[aeiou])i$/.exec(base)) !== null) out.push(...forms(match[1] ?? '', IN_I));
  else if (!VOWELS.test(base)) {
    out.push(...forms(base, CONSONANT));
    // The fleeting vowel of Павел / Павла, Марек / Марка.
    const fleeting = /^(.+)e([lk])$/.exec(base);
    if (fleeting !== null) out.push(...forms(`${fleeting[1] ?? ''}${fleeting[2] ?? ''}`, CONSONANT.filter((e) => e !== '')));
  }
  return [...new Set(out)];
}
