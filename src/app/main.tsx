import { get } from 'idb-keyval';
import { render } from 'preact';
import { App } from './app.tsx';
import { defaultLanguage, isLanguage, loadLanguage } from './base/i18n/messages.ts';
import { startOfflineCache } from './pwa/offline-cache.ts';
import { guardPageUnload } from './pwa/unsaved.ts';
import { finishPendingWipe } from './lock/wipe.ts';
import { loadTheme } from './base/theme.ts';
import './styles.css';

guardPageUnload();
const root = document.getElementById('app');
// A wipe ordered by the coordinator finishes before anything opens a database again: the theme and the
// offline cache read idb-keyval, whose open connection would block deleting its database.
void finishPendingWipe().then(async () => {
  void loadTheme();
  void startOfflineCache();
  // The language chosen in settings (else the browser's), with its messages fetched before the first render.
  // Read only after the wipe check, like everything that opens idb-keyval: an open connection would block
  // deleting its database.
  const stored = await get<unknown>('language');
  const initialLanguage = isLanguage(stored) ? stored : defaultLanguage();
  await loadLanguage(initialLanguage);
  if (root !== null) render(<App initialLanguage={initialLanguage} />, root);
});
