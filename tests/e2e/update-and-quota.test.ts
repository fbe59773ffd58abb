import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, startHearing } from '../helpers/observer-page.ts';
import { waitForSavedAnswer } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Makes every write to the reports store fail as a full disk does, until restoreDisk. */
async function fillDisk(page: Page): Promise<void> {
  await page.evaluate(() => {
    const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: IDBObjectStore['put'] };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with apply(this) below
    proto.realPut ??= proto.put;
    const realPut = proto.realPut;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'reports') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
  });
}

async function restoreDisk(page: Page): Promise<void> {
  await page.evaluate(() => {
    const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: IDBObjectStore['put'] };
    if (proto.realPut !== undefined) proto.put = proto.realPut;
  });
}

/**
 * QUALITY.md's proofs, in Chromium against the real server: a full disk keeps the answer (on screen, sealed in
 * sessionStorage, downloadable), and a new version of the service worker waits while an answer is not on
 * disk, then reloads into the new version once it is.
 */
describe.runIf(chromiumAvailable())('updates and a full disk in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;
  let staticDir: string;

  beforeAll(async () => {
    // The app is served from a copy, so the test can publish a "second version" of the service worker.
    staticDir = mkdtempSync(join(tmpdir(), 'tm-static-'));
    cpSync('dist/app', staticDir, { recursive: true });
    server = await startServerProcess({ STATIC_DIR: staticDir });
    password = printedPassword(await server.adminCli('add-user', 'updater', '--role', 'observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('keeps an answer the disk refused, and holds a waiting update until it is saved', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'updater', password);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first install says so.
    await expect.poll(() => page.getByTestId('offline-ready').textContent()).toContain('Ready to work offline.');
    // A later visit: the page is controlled by the installed version. (An uncontrolled page never holds an
    // update back: the browser activates the new version at once and nothing reloads.)
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const reportId = await startHearing(page, 'KG-UPD-1', 'Bishkek city court');
    const summary = page.getByLabel('Your neutral summary of the hearing');
    await summary.fill('First words, saved.');
    await waitForSavedAnswer(page, reportId, 'summary_text', 'First words, saved.');
    await page.evaluate(() => Object.assign(window, { loadedBefore: 'yes' }));

    // The disk is full: the answer stays on screen and (sealed) in sessionStorage, with a clear message and a download.
    await fillDisk(page);
    await summary.fill('Words the disk refused.');
    await expect.poll(() => page.getByTestId('storage-full').textContent()).toContain('This device is full');
    expect(await summary.inputValue()).toBe('Words the disk refused.');
    // Kept in sessionStorage too, sealed with the data key (kept-answers.ts): no readable word there.
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('trial-monitor-kept-answers'))).not.toBeNull();
    expect(await page.evaluate(() => sessionStorage.getItem('trial-monitor-kept-answers'))).not.toContain('Words the disk refused.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my unsaved answers' }).click()]);
    const downloaded = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(downloaded)).toMatchObject({ keptAnswers: [{ reportId, answers: { summary_text: 'Words the disk refused.' } }] });

    // A second version of the app is published and found while the answer is still not on disk.
    appendFileSync(join(staticDir, 'sw.js'), '\n// the second version\n');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByTestId('update-banner');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain('A new version of the app is ready.');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await expect.poll(() => banner.textContent()).toContain('The update will start as soon as your last answers are saved');
    // Nothing reloaded and the new version still waits: the page's own marker and the waiting worker prove it.
    expect(await page.evaluate(() => (window as Window & { loadedBefore?: string }).loadedBefore)).toBe('yes');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');

    // Space again: the next change is saved, and only then does the new version take over and reload.
    await restoreDisk(page);
    await summary.fill('Words saved after space was freed.');
    await expect
      .poll(
        async () => {
          try {
            return await page.evaluate(() => (window as Window & { loadedBefore?: string }).loadedBefore ?? 'reloaded');
          } catch {
            return 'navigating';
          }
        },
        { timeout: 30_000 },
      )
      .toBe('reloaded');
    await waitForSavedAnswer(page, reportId, 'summary_text', 'Words saved after space was freed.');
    await expect.poll(() => page.getByLabel('Your neutral summary of the hearing').inputValue()).toBe('Words saved after space was freed.');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    await context.close();
  });

  it('lets a newer database version from another tab through once answers are saved, and asks to reload', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'updater', password);
    const reportId = await startHearing(page, 'KG-UPD-2', 'Bishkek city court');
    await page.getByLabel('Your neutral summary of the hearing').fill('Written before the other tab upgraded.');
    await waitForSavedAnswer(page, reportId, 'summary_text', 'Written before the other tab upgraded.');

    // Another tab opens the database one schema version higher, as a newer app would.
    const other = await context.newPage();
    await other.goto(`${server.url}/settings`);
    const upgraded = await other.evaluate(async () => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('trial-monitor-')) ?? '';
      const current = (await indexedDB.databases()).find((d) => d.name === name)?.version ?? 1;
      return new Promise<string>((resolve) => {
        const open = indexedDB.open(name, current + 10);
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames];
          open.result.close();
          resolve(names.join(','));
        };
        open.onerror = () => resolve(`error: ${String(open.error)}`);
      });
    });
    // The upgrade went through (this page closed its connection) and nothing was lost.
    expect(upgraded).toContain('reports');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'A newer version of the app is open in another tab' }).count()).toBe(1);
    await waitForSavedAnswer(other, reportId, 'summary_text', 'Written before the other tab upgraded.');
    await context.close();
  });
});
