import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from './en.ts';

/** Every language is a full record of en's keys: a missing translation fails the typecheck. */
export type Messages = Record<MessageKey, string>;

// Each catalogue is a chunk of its own: a phone downloads the language it shows, not every language
// (both were 22 KB of the first load before the first screen). main.tsx loads one before the first render.
// The server's error sentences (api-errors.*.ts) come in the same chunk as the language's messages.
export const LANGUAGES = {
  en: () => import('./en-chunk.ts').then((m) => m.en),
  ru: () => import('./ru-chunk.ts').then((m) => m.ru),
} as const satisfies Record<string, () => Promise<Messages>>;
export type Language = keyof typeof LANGUAGES;
const loaded = new Map<Language, Messages>();

/** Fetches a language's messages (once): translator(language) needs them. */
export async function loadLanguage(language: Language): Promise<void> {
  if (!loaded.has(language)) loaded.set(language, await LANGUAGES[language]());
}

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
  const messages = loaded.get(language);
  if (messages === undefined) throw new Error(`The ${language} messages are not loaded: await loadLanguage('${language}') first.`);
  return (key, params) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

export interface I18nValue {
  readonly language: Language;
  readonly t: Translate;
  readonly setLanguage: (language: Language) => void;
}

// Only outside <App> (which provides the real one): keys stand in for the text.
export const I18n = createContext<I18nValue>({ language: 'en', t: (key) => key, setLanguage: () => undefined });

export function useI18n(): I18nValue {
  return useContext(I18n);
}
