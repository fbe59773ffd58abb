import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, startHearing } from '../helpers/observer-page.ts';
import { waitForSavedAnswer } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Issue 4: the app installs (Chromium's own manifest check), and a backup restores every report on a fresh browser. */
describe.runIf(chromiumAvailable())('install and backup in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'keeper', '--role', 'observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has a manifest Chromium accepts, with every icon it needs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; data?: string };
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data ?? '{}') as { name: string; short_name: string; icons: { src: string; sizes: string; purpose: string }[]; display: string; theme_color: string; background_color: string };
    expect(data).toMatchObject({ name: 'Trial Monitor', short_name: 'Trial Monitor', display: 'standalone' });
    expect(data.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of data.icons) expect((await page.request.get(new URL(icon.src, server.url).href)).status()).toBe(200);
    expect((await page.request.get(new URL('/apple-touch-icon.png', server.url).href)).headers()['content-type']).toBe('image/png');
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // Headless profiles are incognito-like; every other reason would be a fault of the app.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await context.close();
  });

  it('restores every report, sent or not, from a backup into a fresh browser', async () => {
    const phone = await browser.newContext({ locale: 'en-GB' });
    const page = await phone.newPage();
    await signInAndSync(page, server.url, 'keeper', password);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await phone.setOffline(true);
    const finalId = await startHearing(page, 'KG-BACKUP-1', 'Bishkek city court');
    await page.getByLabel('Date of the hearing').fill('2026-11-20');
    await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state')).toBe('waiting');
    await page.getByRole('link', { name: /KG-BACKUP-1/ }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('Your neutral summary of the hearing').fill('A draft only this phone had.');
    const draftId = page.url().split('/').pop() ?? '';
    await waitForSavedAnswer(page, draftId, 'summary_text', 'A draft only this phone had.');

    await page.getByRole('link', { name: 'Settings' }).click();
    // The file is encrypted with a passphrase typed here (issue 10): none, no file.
    await page.getByRole('button', { name: 'Save a backup file' }).click();
    await expect.poll(() => page.getByTestId('backup-result').textContent()).toContain('Type a backup passphrase first');
    await page.getByLabel('Backup passphrase').fill('a backup for the card');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save a backup file' }).click()]);
    await expect.poll(() => page.getByTestId('backup-result').textContent()).toBe('Backup saved: 2 reports, 1 cases.');
    // Downloads vanish with their context: keep the file, as the observer keeps it on a memory card.
    const file = join(mkdtempSync(join(tmpdir(), 'tm-backup-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^trial-monitor-backup-.*\.json$/);
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ format: 'trial-monitor-backup-sealed', version: 1, kdf: { name: 'PBKDF2-SHA-256', iterations: 600_000 } });
    for (const word of ['A draft only this phone had', 'Bishkek', 'KG-BACKUP-1']) expect(saved).not.toContain(word);
    await phone.close();

    // A new phone (a fresh browser profile): sign in, restore, and the unsent report goes out from here.
    const fresh = await browser.newContext({ locale: 'en-GB' });
    const second = await fresh.newPage();
    await signInAndSync(second, server.url, 'keeper', password);
    await second.getByRole('link', { name: 'Settings' }).click();
    // A wrong passphrase restores nothing and says so.
    await second.getByLabel('Backup passphrase').fill('not the backup passphrase');
    await second.getByLabel('Restore from a backup file').setInputFiles(file);
    await expect.poll(() => second.getByTestId('backup-result').textContent()).toContain('The backup passphrase is wrong, or the file was altered. Nothing was changed.');
    await second.getByLabel('Backup passphrase').fill('a backup for the card');
    await second.getByLabel('Restore from a backup file').setInputFiles(file);
    await expect.poll(() => second.getByTestId('backup-result').textContent()).toContain('Restored: 3 added, 0 updated');
    // Importing the same file twice changes nothing.
    await second.getByLabel('Restore from a backup file').setInputFiles(file);
    await expect.poll(() => second.getByTestId('backup-result').textContent()).toContain('Restored: 0 added, 0 updated, 3 kept');

    await second.goto(`${server.url}/reports/${draftId}`);
    await expect.poll(() => second.getByLabel('Your neutral summary of the hearing').inputValue()).toBe('A draft only this phone had.');
    await second.goto(`${server.url}/reports/${finalId}`);
    await expect.poll(() => second.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');

    // A file that is not a backup is refused with a reason, and nothing changes.
    await second.getByRole('link', { name: 'Settings' }).click();
    await second.getByLabel('Restore from a backup file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect.poll(() => second.getByRole('alert').filter({ hasText: 'not a Trial Monitor backup' }).count()).toBe(1);
    await fresh.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });
});
