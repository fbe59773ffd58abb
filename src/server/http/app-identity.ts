import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const DEFAULT_APP_NAME = 'Trial Monitor';

/** What the installed app is called and which icon set it shows (APP_NAME, APP_ICON in config.ts). */
export interface AppIdentity {
  readonly name: string;
  readonly icon: 'standard' | 'neutral';
}

/** The three files of the built app that carry the name or the icon, as this server serves them. */
export interface AppShell {
  readonly indexHtml: string;
  readonly manifest: string;
  readonly serviceWorker: string;
}

/** Served by appShellRoutes, never by the static files: these must not be sent as built. */
export const SHELL_FILES = ['index.html', 'manifest.webmanifest', 'sw.js'] as const;

const NEUTRAL_ICONS = '/neutral';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Replaces what `pattern` finds, and fails loudly when it finds nothing: a changed build must not keep the old name. */
function replaceOrFail(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`The built app no longer has ${what}: the app's name and icon cannot be set (src/server/http/app-identity.ts)`);
  return text.replace(pattern, replacement);
}

export function shellIndexHtml(built: string, identity: AppIdentity): string {
  const name = escapeHtml(identity.name);
  const named = identity.name !== DEFAULT_APP_NAME;
  let html = replaceOrFail(built, /<title>[^<]*<\/title>/, `<title>${name}</title>\n    <meta name="application-name" content="${name}" />`, 'a <title>');
  html = replaceOrFail(html, /(<meta name="apple-mobile-web-app-title" content=")[^"]*(")/, `$1${name}$2`, 'an apple-mobile-web-app-title');
  html = replaceOrFail(html, /<noscript>[^<]*<\/noscript>/, `<noscript>${name} needs JavaScript.</noscript>`, 'a <noscript>');
  // A neutral name with "fair-trial monitoring" underneath would give it away.
  if (named) html = replaceOrFail(html, /(<meta name="description" content=")[^"]*(")/, `$1${name}$2`, 'a description');
  if (identity.icon === 'neutral') {
    html = replaceOrFail(html, /href="\/icon\.svg"/, `href="${NEUTRAL_ICONS}/icon.svg"`, 'an icon link');
    html = replaceOrFail(html, /href="\/apple-touch-icon\.png"/, `href="${NEUTRAL_ICONS}/apple-touch-icon.png"`, 'an apple-touch-icon link');
  }
  return html;
}

interface ManifestIcon {
  src: string;
  [key: string]: unknown;
}

export function shellManifest(built: string, identity: AppIdentity): string {
  const manifest = JSON.parse(built) as { name: string; short_name: string; description?: string; icons: ManifestIcon[] };
  manifest.name = identity.name;
  manifest.short_name = identity.name;
  if (identity.name !== DEFAULT_APP_NAME) manifest.description = identity.name;
  if (identity.icon === 'neutral') manifest.icons = manifest.icons.map((icon) => ({ ...icon, src: `${NEUTRAL_ICONS}${icon.src}` }));
  return JSON.stringify(manifest);
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/**
 * The service worker precaches index.html and the manifest under the revision written at build time. They
 * are served changed here, so their revisions become those of what is served: a new name or icon changes
 * sw.js, the browser installs it (through the usual update prompt) and the precache stops pinning the old name.
 */
export function shellServiceWorker(built: string, indexHtml: string, manifest: string): string {
  let sw = replaceOrFail(built, /\{"revision":"[0-9a-f]+","url":"index\.html"\}/g, `{"revision":"${md5(indexHtml)}","url":"index.html"}`, 'index.html in its precache');
  sw = replaceOrFail(sw, /\{"revision":"[0-9a-f]+","url":"manifest\.webmanifest"\}/g, `{"revision":"${md5(manifest)}","url":"manifest.webmanifest"}`, 'the manifest in its precache');
  return sw;
}

/** The built shell with the identity applied. Read at start (so a build it cannot rename fails then) and again whenever a file changes on disk (a new version copied in place). */
export function appShellSource(staticDir: string, identity: AppIdentity): () => AppShell {
  const path = (file: string): string => join(staticDir, file);
  const stamp = (): string => SHELL_FILES.map((file) => `${statSync(path(file)).mtimeMs}:${statSync(path(file)).size}`).join('|');
  const load = (): AppShell => {
    const read = (file: string): string => readFileSync(path(file), 'utf8');
    const indexHtml = shellIndexHtml(read('index.html'), identity);
    const manifest = shellManifest(read('manifest.webmanifest'), identity);
    return { indexHtml, manifest, serviceWorker: shellServiceWorker(read('sw.js'), indexHtml, manifest) };
  };
  let loadedAt = stamp();
  let shell = load();
  return () => {
    const now = stamp();
    if (now !== loadedAt) {
      shell = load();
      loadedAt = now;
    }
    return shell;
  };
}

export function sendIndexHtml(reply: FastifyReply, shell: () => AppShell): FastifyReply {
  return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(shell().indexHtml);
}

/** The shell files, always revalidated (no-cache) like the rest of the unhashed files. */
export function appShellRoutes(app: FastifyInstance, shell: () => AppShell): void {
  app.get('/', (_request, reply) => sendIndexHtml(reply, shell));
  app.get('/index.html', (_request, reply) => sendIndexHtml(reply, shell));
  app.get('/manifest.webmanifest', (_request, reply) => reply.header('Cache-Control', 'no-cache').type('application/manifest+json').send(shell().manifest));
  app.get('/sw.js', (_request, reply) => reply.header('Cache-Control', 'no-cache').type('text/javascript; charset=utf-8').send(shell().serviceWorker));
}
