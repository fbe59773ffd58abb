import { render } from 'preact';
import { App } from './app.tsx';
import { startOfflineCache } from './pwa/offline-cache.ts';
import { guardPageUnload } from './pwa/unsaved.ts';
import { loadTheme } from './theme.ts';
import './styles.css';

void loadTheme();
guardPageUnload();
void startOfflineCache();
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
