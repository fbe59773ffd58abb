import { get, set } from 'idb-keyval';
import { createStore } from './store.ts';

/**
 * The colour theme: the phone's choice (system), light, or dark. The dark theme is dimmed on purpose: in a
 * courtroom a bright screen draws attention. styles.css reads the choice from <html data-theme>.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export const themeStore = createStore<Theme>('system');

function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

/** Applies the stored theme; called once at start. */
export async function loadTheme(): Promise<void> {
  const stored = await get<unknown>('theme');
  if (isTheme(stored)) chooseTheme(stored, false);
}

export function chooseTheme(theme: Theme, remember = true): void {
  themeStore.set(theme);
  apply(theme);
  if (remember) void set('theme', theme);
}
