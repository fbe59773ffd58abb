import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import './styles.css';

registerServiceWorker();
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
