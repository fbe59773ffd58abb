/**
 * One spelling for a word however it was written: Cyrillic or Latin, any case, the usual
 * transliteration variants. Two words are "the same name" for redaction when their skeletons are equal,
 * so "Иванов", "IVANOV" and "Ivanov" meet, and so do "Юрий", "Yuriy", "Iurii" and "Jurij".
 *
 * Cyrillic goes to Latin by a fixed table close to BGN/PCGN (the spelling of passports and the press),
 * with ISO 9 diacritics (š, ž, č...) read as the same sounds. The skeleton then folds the variants that
 * different systems and languages produce for one Russian letter (y/j/i, kh/h, ts/tz/c, ye/e, doubled
 * letters), so the table needs no "reverse" half: both directions meet in the middle.
 */

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian and Kazakh letters that appear in Russian-language court records.
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

// ISO 9 and scholarly transliteration (and Czech, Polish, Lithuanian spellings of Slavic names).
const DIACRITICS: Readonly<Record<string, string>> = {
  š: 'sh', ž: 'zh', č: 'ch', ŝ: 'shch', ć: 'ch', ś: 'sh', ź: 'zh', ż: 'zh', ł: 'l', ń: 'n',
  û: 'yu', â: 'ya', ë: 'e', è: 'e', é: 'e', ê: 'e', ì: 'i', í: 'i', ï: 'i', ò: 'o', ó: 'o', ô: 'o', ö: 'o',
  ù: 'u', ú: 'u', ü: 'u', à: 'a', á: 'a', ä: 'a', å: 'a', ç: 'ts', ý: 'y', ǵ: 'g', ǩ: 'k', ŭ: 'u',
};

/** A word in lower-case Latin letters by the table above (other scripts pass through unchanged). */
export function toLatin(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFC').toLowerCase()) out += CYRILLIC[ch] ?? DIACRITICS[ch] ?? ch;
  return out;
}

// Folds applied in order to the Latin form; each merges spellings that one Cyrillic name gets in practice.
const FOLDS: readonly (readonly [RegExp, string])[] = [
  // Щ, Ж, Ч, Ш become one sign each (IPA letters, which the Cyrillic table passes through unchanged, so a
  // skeleton of a skeleton is itself: inflected forms are built by appending endings to a skeleton).
  [/shch|sch/g, 'ɕ'], // Щ: BGN "shch", German "sch"
  [/kh/g, 'h'], // Х: "Khodorkovsky" and "Hodorkovsky"
  [/zh/g, 'ʒ'],
  [/tsch|tch|ch/g, 'ʧ'], // Ч
  [/sh/g, 'ʃ'], // Ш
  [/ts|tz|cz/g, 'c'], // Ц: "ts", German "tz", Polish "cz" written for Ц in older records
  [/ph/g, 'f'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/(^|[aeiou])(ye|je)/g, '$1e'], // Е after a vowel or at the start: "Yevgeny" / "Evgeniy"
  [/([^aeiou])(yo|jo)/g, '$1e'], // Ё after a consonant: "Pyotr" / "Petr", "Semyon" / "Semen"
  [/[yj]/g, 'i'], // Й, Ы and the y/j of я, ю, ё
  [/(.)\1+/g, '$1'], // Анна / Ana, Филиппов / Filipov, "-skii" / "-ski"
];

/** The skeleton of one word: what two spellings of the same name have in common. */
export function skeleton(word: string): string {
  let out = toLatin(word);
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out;
}
