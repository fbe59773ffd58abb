import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What runs before the observer's first screen: the scripts, module preloads and stylesheets index.html names. */
export function firstLoadAssets(appDir: string): string[] {
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  return tags.flatMap((tag) => {
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url === undefined || !/\.(js|css)$/.test(url)) return [];
    if (tag.startsWith('<link') && !/rel="(modulepreload|stylesheet)"/.test(tag)) return [];
    return [url.replace(/^\//, '')];
  });
}

export const gzipBytes = (appDir: string, path: string): number => gzipSync(readFileSync(join(appDir, path))).length;

/** The source files bundled into a built script, from its source map (paths relative to the repository). */
export function bundledSources(appDir: string, script: string): string[] {
  // The bundler's own runtime (the helper for chunks shared by dynamic imports) has no sources of ours and no map.
  if (/^assets\/(rolldown-runtime|preload-helper)-[\w-]+\.js$/.test(script) && !existsSync(join(appDir, `${script}.map`))) return [];
  const map = JSON.parse(readFileSync(join(appDir, `${script}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
}

/**
 * The script holding one interface language's messages (src/app/base/i18n/<language>.ts): main.tsx fetches the
 * observer's language before the first render, so it belongs to the first load too.
 */
export function languageChunk(appDir: string, language: string): string {
  const scripts = readdirSync(join(appDir, 'assets')).filter((f) => f.endsWith('.js'));
  const found = scripts.filter((f) => existsSync(join(appDir, 'assets', `${f}.map`)) && bundledSources(appDir, `assets/${f}`).includes(`src/app/base/i18n/${language}.ts`));
  if (found.length !== 1) throw new Error(`expected one script with src/app/base/i18n/${language}.ts, found ${found.length}: ${found.join(', ')}`);
  return `assets/${found[0] ?? ''}`;
}
