import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import { finishPendingWipe } from './sync/commands.ts';
import './styles.css';

registerServiceWorker();
const root = document.getElementById('app');
// A wipe ordered by the coordinator finishes before anything opens a database again.
void finishPendingWipe().then(() => {
  if (root !== null) render(<App />, root);
});
