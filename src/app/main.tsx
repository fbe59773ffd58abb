import { render } from 'preact';
import { App } from './app.tsx';
import { startOfflineCache } from './pwa/offline-cache.ts';
import { guardPageUnload } from './pwa/unsaved.ts';
import { finishPendingWipe } from './lock/wipe.ts';
import { loadTheme } from './theme.ts';
import './styles.css';

guardPageUnload();
const root = document.getElementById('app');
// A wipe ordered by the coordinator finishes before anything opens a database again: the theme and the
// offline cache read idb-keyval, whose open connection would block deleting its database.
void finishPendingWipe().then(() => {
  void loadTheme();
  void startOfflineCache();
  if (root !== null) render(<App />, root);
});
