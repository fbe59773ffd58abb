import { readFileSync } from 'node:fs';
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
  const map = JSON.parse(readFileSync(join(appDir, `${script}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
}
