import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { ConfigError, readAppIdentity } from '../../src/server/config.ts';
import type { AppIdentity } from '../../src/server/http/app-identity.ts';
import { createTestDb } from '../helpers/databases.ts';

/**
 * Issue 10 item 6: APP_NAME (and APP_ICON) give the served app a neutral name and icon: the manifest, the
 * page title and the home-screen title carry it, and the service worker's precache revisions follow, so
 * an installed app does not keep the old name. Needs the built app (npm run build).
 */
const built = existsSync('dist/app/index.html');

async function serve(identity: AppIdentity | undefined) {
  const database = await createTestDb('sqlite');
  const app = await buildApp({ database, staticDir: resolve('dist/app'), ...(identity === undefined ? {} : { appIdentity: identity }) });
  const get = async (url: string) => app.inject({ method: 'GET', url });
  return { get, close: async () => { await app.close(); await database.cleanup(); } };
}

const revision = (sw: string, url: string): string | undefined => new RegExp(`\\{"revision":"([0-9a-f]+)","url":"${url.replace('.', '\\.')}"\\}`).exec(sw)?.[1];

describe.skipIf(!built)('a neutral name and icon', () => {
  it('APP_NAME=Notes: the manifest, index.html (every route) and the icons say Notes and show the neutral icon', async () => {
    const server = await serve(readAppIdentity('Notes', undefined));
    try {
      const manifest = (await server.get('/manifest.webmanifest')).json<{ name: string; short_name: string; description: string; icons: { src: string }[] }>();
      expect(manifest.name).toBe('Notes');
      expect(manifest.short_name).toBe('Notes');
      expect(JSON.stringify(manifest)).not.toMatch(/Trial Monitor|fair-trial/i);
      expect(manifest.icons.length).toBeGreaterThan(0);
      for (const icon of manifest.icons) {
        expect(icon.src.startsWith('/neutral/')).toBe(true);
        const file = await server.get(icon.src);
        expect(file.statusCode, icon.src).toBe(200);
      }
      for (const url of ['/', '/index.html', '/cases/some-case']) {
        const page = await server.get(url);
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.body).toContain('<title>Notes</title>');
        expect(page.body).toContain('<meta name="apple-mobile-web-app-title" content="Notes"');
        expect(page.body).toContain('<meta name="application-name" content="Notes"');
        expect(page.body).toContain('href="/neutral/apple-touch-icon.png"');
        expect(page.body).not.toMatch(/Trial Monitor|fair-trial/i);
      }
      // The precache keys follow what is served, not what was built.
      const sw = (await server.get('/sw.js')).body;
      const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
      expect(revision(sw, 'index.html')).toBe(md5((await server.get('/index.html')).body));
      expect(revision(sw, 'manifest.webmanifest')).toBe(md5((await server.get('/manifest.webmanifest')).body));
    } finally {
      await server.close();
    }
  });

  it('the default stays Trial Monitor with the scales, and another name changes the service worker', async () => {
    const standard = await serve(undefined);
    const notes = await serve(readAppIdentity('Notes', 'standard'));
    try {
      const page = (await standard.get('/')).body;
      expect(page).toContain('<title>Trial Monitor</title>');
      expect(page).toContain('href="/apple-touch-icon.png"');
      expect((await standard.get('/manifest.webmanifest')).json<{ name: string }>().name).toBe('Trial Monitor');
      expect((await notes.get('/manifest.webmanifest')).json<{ icons: { src: string }[] }>().icons.every((i) => !i.src.startsWith('/neutral/'))).toBe(true);
      expect((await standard.get('/sw.js')).body).not.toBe((await notes.get('/sw.js')).body);
    } finally {
      await standard.close();
      await notes.close();
    }
  });

  it('a name is escaped where it is written into the page', async () => {
    const server = await serve({ name: 'Tom & "Jerry"', icon: 'neutral' });
    try {
      expect((await server.get('/')).body).toContain('<title>Tom &#38; &#34;Jerry&#34;</title>');
    } finally {
      await server.close();
    }
  });
});

describe('APP_NAME and APP_ICON', () => {
  it('refuses a bad name or icon with a clear message', () => {
    expect(() => readAppIdentity('<script>', undefined)).toThrow(ConfigError);
    expect(() => readAppIdentity('x'.repeat(31), undefined)).toThrow(/at most 30 characters/);
    expect(() => readAppIdentity('Notes', 'scales')).toThrow(/APP_ICON must be neutral or standard/);
  });
  it('a name alone picks the neutral icon; nothing set keeps the defaults', () => {
    expect(readAppIdentity(undefined, undefined)).toEqual({ name: 'Trial Monitor', icon: 'standard' });
    expect(readAppIdentity(' Notes ', '')).toEqual({ name: 'Notes', icon: 'neutral' });
    expect(readAppIdentity(undefined, 'neutral')).toEqual({ name: 'Trial Monitor', icon: 'neutral' });
  });
});
