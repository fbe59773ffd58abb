import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Searches every file of a browser profile folder for each word, as bytes in UTF-8 and UTF-16LE (how Chromium
 * keeps strings in IndexedDB, Local Storage and its caches): what someone with the phone's files would do.
 * Returns "word in path (encoding)" for every hit.
 */
export function searchProfile(dir: string, words: readonly string[]): string[] {
  const hits: string[] = [];
  const needles = words.flatMap((word) => [
    { word, encoding: 'utf-8', bytes: Buffer.from(word, 'utf8') },
    { word, encoding: 'utf-16le', bytes: Buffer.from(word, 'utf16le') },
  ]);
  const walk = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
      return;
    }
    if (!stat.isFile()) return;
    const content = readFileSync(path);
    for (const needle of needles) if (content.includes(needle.bytes)) hits.push(`${needle.word} in ${relative(dir, path)} (${needle.encoding})`);
  };
  walk(dir);
  return hits;
}
