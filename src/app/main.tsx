import { render } from 'preact';
import { App } from './app.tsx';
import { startOfflineCache } from './pwa/offline-cache.ts';
import { guardPageUnload } from './pwa/unsaved.ts';
import { finishPendingWipe } from './sync/commands.ts';
import { loadTheme } from './theme.ts';
import './styles.css';

void loadTheme();
guardPageUnload();
void startOfflineCache();
const root = document.getElementById('app');
// A wipe ordered by the coordinator finishes before anything opens a database again.
void finishPendingWipe().then(() => {
  if (root !== null) render(<App />, root);
});
