// Type-aware lint: the rules that catch what the compiler cannot (floating promises, `any`, eval), and the
// boundaries between the runtimes (docs/architecture.md: the shared core, the app, the service worker, the server).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importZones } from './lint/import-zones.js';

/** Globals that exist only in a page: the service worker has none of them, the shared core none at all. */
const PAGE_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'history', 'alert', 'confirm', 'prompt', 'requestAnimationFrame', 'matchMedia', 'getComputedStyle', 'customElements', 'frames', 'parent', 'top', 'opener'];
/** Globals of every browser context, a service worker's included: the core runs in Node too, so not there. */
const BROWSER_GLOBALS = ['navigator', 'indexedDB', 'self', 'caches', 'location', 'postMessage', 'importScripts'];
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'];

/** @param {string[]} names @param {string} where @returns {import('eslint').Linter.RuleEntry} */
const restrictedGlobals = (names, where) => ['error', ...names.map((name) => ({ name, message: `${where} (docs/architecture.md).` }))];
const CORE_SAYS = 'src/core runs in the browser, the service worker and Node alike: pass what it needs as arguments';
const SW_SAYS = 'src/sw is a service worker: it has no page and no Node';

/** Node's own modules, by both spellings ("fs" and "node:fs"). @param {string} where @returns {import('eslint').Linter.RuleEntry} */
const noNodeModules = (where) => [
  'error',
  { paths: builtinModules.map((name) => ({ name, message: `${where}.` })), patterns: [{ group: ['node:*'], message: `${where}.` }] },
];

/** The app's layers, top down: the shell, the screens, the device's services, the base. */
const APP_SHELL = ['src/app/app.tsx', 'src/app/main.tsx', 'src/app/signed-in.tsx'];
const APP_SCREENS = ['src/app/screens', 'src/app/form', 'src/app/coordinator'];
const DEVICE_SERVICES = ['src/app/sync', 'src/app/db', 'src/app/attachments', 'src/app/backup', 'src/app/storage', 'src/app/pwa', 'src/app/lock', 'src/app/session.ts'];
const OBSERVER_SAYS = "the observer's phone never needs the coordinator's screens";
const APP_LAYERS = [
  { from: 'src/app/base', only: ['src/app/base', 'src/core'], why: "the app's base (API client, i18n, account, stores) is below everything else in the app" },
  ...DEVICE_SERVICES.map((from) => ({ from, not: [...APP_SHELL, ...APP_SCREENS], why: "the device's services are below the screens: a screen calls them, never the reverse" })),
  ...['src/app/screens', 'src/app/form'].map((from) => ({ from, not: [...APP_SHELL, 'src/app/coordinator'], why: OBSERVER_SAYS })),
  { from: 'src/app/coordinator', not: APP_SHELL, why: 'the shell (app.tsx) chooses the screens; a screen does not import it' },
];

const ZONES = [
  { from: 'src/core', only: ['src/core', 'forms'], why: 'the shared core imports only itself, the forms folder and packages; the runtimes depend on it, never the reverse' },
  { from: 'src/sw', not: ['src/app', 'src/server'], why: 'the service worker depends on src/core only' },
  { from: 'src/app', not: ['src/server', 'src/sw'], why: 'the app reaches the server over HTTP and shares code through src/core' },
  { from: 'src/server', not: ['src/app', 'src/sw'], why: 'the server shares code with the app through src/core' },
  // Inside the app, from the shell down to the base (docs/architecture.md, "The app's layers"): nothing
  // climbs back up, and the observer's phone imports nothing of the coordinator's screens.
  ...APP_LAYERS,
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries: { rules: { 'import-zones': importZones } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'off',
      '@typescript-eslint/no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'boundaries/import-zones': ['error', ZONES],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': restrictedGlobals([...PAGE_GLOBALS, ...BROWSER_GLOBALS, ...NODE_GLOBALS], CORE_SAYS),
      'no-restricted-imports': noNodeModules(CORE_SAYS),
    },
  },
  {
    files: ['src/sw/**'],
    rules: {
      'no-restricted-globals': restrictedGlobals([...PAGE_GLOBALS, ...NODE_GLOBALS], SW_SAYS),
      'no-restricted-imports': noNodeModules(SW_SAYS),
    },
  },
  {
    // Plain-JavaScript launchers and lint rules are type-checked (checkJs in tsconfig.config.json), which already catches undefined names.
    files: ['scripts/**/*.js', 'lint/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
