import { isObject, rejectUnknownKeys, type Fail } from './load-text.ts';
import type { LocalizedText } from './types.ts';

/**
 * The words of the questions the loader adds by itself ("what exactly happened", "how do you know").
 * They live here, not in every form, so that all forms ask them the same way; a form that declares a
 * language without built-in text gives it under "builtInText", and may reword en and ru there too.
 */
export const COMPANION_TEXT_KEYS = ['details', 'detailsHelp', 'source', 'saw', 'file', 'told', 'role', 'roleHelp'] as const;
export type CompanionTextKey = (typeof COMPANION_TEXT_KEYS)[number];

type TextTable = Readonly<Record<CompanionTextKey, string>>;

export const BUILT_IN_TEXT: Readonly<Record<string, TextTable>> = {
  en: {
    details: 'What exactly happened?',
    detailsHelp: 'Describe what you saw and heard, in order: facts, not conclusions. Use codes, not names.',
    source: 'How do you know?',
    saw: 'I saw or heard it myself',
    file: 'I read it in the case file',
    told: 'I was told',
    role: 'Who told you? Give their role, not their name',
    roleHelp: 'For example: defence lawyer, relative of the defendant, court clerk, journalist.',
  },
  ru: {
    details: 'Что именно произошло?',
    detailsHelp: 'Опишите по порядку, что вы видели и слышали: факты, а не выводы. Используйте коды, а не имена.',
    source: 'Откуда вам это известно?',
    saw: 'Видел(а) или слышал(а) сам(а)',
    file: 'Прочитал(а) в материалах дела',
    told: 'Мне сообщили',
    role: 'Кто вам сообщил? Укажите роль, а не имя',
    roleHelp: 'Например: адвокат защиты, родственник подсудимого, секретарь суда, журналист.',
  },
};

export type CompanionTexts = (key: CompanionTextKey, usedAt: string) => LocalizedText;

/**
 * Reads the form's "builtInText" and returns a lookup that gives a built-in text in every declared
 * language. A language with no text is reported once, with the item that needed it.
 */
export function readCompanionTexts(raw: unknown, languages: readonly string[], fail: Fail): CompanionTexts {
  const own: Record<string, Partial<Record<CompanionTextKey, string>>> = {};
  if (raw !== undefined) {
    if (!isObject(raw)) fail('/builtInText', 'built_in_text_not_object');
    else {
      for (const [language, entries] of Object.entries(raw)) {
        const path = `/builtInText/${language}`;
        if (!languages.includes(language)) fail(path, 'undeclared_language', { language });
        if (!isObject(entries)) {
          fail(path, 'built_in_text_shape', { keys: COMPANION_TEXT_KEYS.join(', ') });
          continue;
        }
        rejectUnknownKeys(entries, COMPANION_TEXT_KEYS, path, fail);
        const table: Partial<Record<CompanionTextKey, string>> = {};
        for (const key of COMPANION_TEXT_KEYS) {
          const text = entries[key];
          if (text === undefined) continue;
          if (typeof text !== 'string' || text.trim() === '') fail(`${path}/${key}`, 'empty_text');
          else table[key] = text;
        }
        own[language] = table;
      }
    }
  }
  const reported = new Set<string>();
  return (key, usedAt) => {
    const text: Record<string, string> = {};
    for (const language of languages) {
      const entry = own[language]?.[key] ?? BUILT_IN_TEXT[language]?.[key];
      if (entry !== undefined) {
        text[language] = entry;
      } else if (!reported.has(`${language}/${key}`)) {
        reported.add(`${language}/${key}`);
        fail(`/builtInText/${language}/${key}`, 'built_in_text_missing', { language, key, usedAt, languages: Object.keys(BUILT_IN_TEXT).join(', ') });
      }
    }
    return text;
  };
}
