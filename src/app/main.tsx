import { get } from 'idb-keyval';
import { render } from 'preact';
import { App } from './app.tsx';
import { defaultLanguage, isLanguage, loadLanguage, type Language } from './i18n/messages.ts';
import { startOfflineCache } from './pwa/offline-cache.ts';
import { guardPageUnload } from './pwa/unsaved.ts';
import { finishPendingWipe } from './sync/commands.ts';
import { loadTheme } from './theme.ts';
import './styles.css';

guardPageUnload();
const root = document.getElementById('app');
// A wipe ordered by the coordinator finishes before anything opens a database again: the theme and the
// offline cache read idb-keyval, whose open connection would block deleting its database.
// The language chosen in settings (else the browser's), with its messages fetched while the wipe check runs.
const language = get<unknown>('language').then(async (stored): Promise<Language> => {
  const chosen = isLanguage(stored) ? stored : defaultLanguage();
  await loadLanguage(chosen);
  return chosen;
});
void finishPendingWipe().then(async () => {
  void loadTheme();
  void startOfflineCache();
  const initialLanguage = await language;
  if (root !== null) render(<App initialLanguage={initialLanguage} />, root);
});
