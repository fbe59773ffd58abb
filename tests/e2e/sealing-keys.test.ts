import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAsCoordinator } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Issue 11 (keys): a coordinator seals a project, keeps the recovery file, unlocks in a fresh browser and grants the key. */
describe.runIf(chromiumAvailable())('sealing a project and its key in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let first: string;
  let second: string;

  beforeAll(async () => {
    server = await startServerProcess();
    first = printedPassword(await server.adminCli('add-user', 'amina', '--role', 'coordinator', '--project', 'Default project'));
    second = printedPassword(await server.adminCli('add-user', 'bakyt', '--role', 'coordinator', '--project', 'Default project'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const fresh = async (username: string, password: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await signInAsCoordinator(page, server.url, username, password);
    await page.goto(`${server.url}/coordinator/sealing`);
    await page.getByTestId('sealing-screen').waitFor();
    return page;
  };
  const createPersonalKey = async (page: Page, passphrase: string) => {
    await page.getByTestId('personal-passphrase').fill(passphrase);
    await page.getByTestId('personal-passphrase-again').fill(passphrase);
    await page.getByTestId('personal-create').click();
  };

  it('seals, downloads the recovery file, unlocks after signing in again, grants to a second coordinator who unlocks too', async () => {
    const desk = await fresh('amina', first);
    await createPersonalKey(desk, 'amina river lantern stone');
    await desk.getByTestId('seal-button').click();
    await desk.getByTestId('recovery-step').waitFor({ timeout: 30_000 });
    expect(await desk.getByTestId('recovery-code').textContent()).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('recovery-download').click()]);
    expect(download.suggestedFilename()).toMatch(/project-key\.json$/);
    expect(await desk.getByTestId('recovery-done').isDisabled()).toBe(true);
    await desk.getByTestId('ack-code').check();
    await desk.getByTestId('ack-file').check();
    await desk.getByTestId('recovery-done').click();
    await desk.getByTestId('sealing-unlocked').waitFor();
    await desk.context().close();

    // The second coordinator makes a personal key; without a grant, they see "locked".
    const other = await fresh('bakyt', second);
    await createPersonalKey(other, 'bakyt mountain valley road');
    await other.getByTestId('sealing-locked').waitFor();

    // A fresh browser: a wrong passphrase is told plainly, the right one unlocks, then the key is granted.
    const again = await fresh('amina', first);
    await again.getByTestId('unlock-passphrase').fill('not the passphrase at all');
    await again.getByTestId('unlock-button').click();
    await expect.poll(() => again.getByTestId('sealing-message').textContent(), { timeout: 30_000 }).toBe('The passphrase is wrong. Nothing was unlocked.');
    await again.getByTestId('unlock-passphrase').fill('amina river lantern stone');
    await again.getByTestId('unlock-button').click();
    await again.getByTestId('sealing-unlocked').waitFor({ timeout: 30_000 });
    await again.getByTestId('grant-bakyt').click();
    await expect.poll(() => again.getByTestId('sealing-message').textContent(), { timeout: 30_000 }).toContain('The key was granted to');

    await other.reload();
    await other.getByTestId('unlock-passphrase').fill('bakyt mountain valley road');
    await other.getByTestId('unlock-button').click();
    await other.getByTestId('sealing-unlocked').waitFor({ timeout: 30_000 });
  });
});
