import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en.ts';
import { ru } from './ru.ts';

/** Every language is a full record of en's keys: a missing translation fails the typecheck. */
export type Messages = Record<MessageKey, string>;

export const LANGUAGES = { en, ru } as const satisfies Record<string, Messages>;
export type Language = keyof typeof LANGUAGES;

/** Each language's name in itself, as the language choice shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ru: 'Русский' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && value in LANGUAGES;
}

/** The browser's preferred language when we have it, else English. */
export function defaultLanguage(preferred: readonly string[] = navigator.languages): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  const messages: Messages = LANGUAGES[language];
  return (key, params) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

export interface I18nValue {
  readonly language: Language;
  readonly t: Translate;
  readonly setLanguage: (language: Language) => void;
}

export const I18n = createContext<I18nValue>({ language: 'en', t: translator('en'), setLanguage: () => undefined });

export function useI18n(): I18nValue {
  return useContext(I18n);
}
