import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { waitForSavedAnswer } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * The foundation's promise, in a real browser against the real server process: an observer signs in,
 * loses the network, reloads, opens a case and fills a hearing report offline, reloads again without
 * losing a word, comes back online and the report syncs; a coordinator then reads it.
 */
describe.runIf(chromiumAvailable())('observer offline flow in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let observerPassword: string;

  beforeAll(async () => {
    server = await startServerProcess();
    observerPassword = printedPassword(await server.adminCli('add-user', 'observer1', '--role', 'observer', '--name', 'Observer One'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = async (page: Page, username: string, password: string): Promise<void> => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('fills a hearing report offline, keeps it across reloads, syncs it, and the coordinator reads it', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'observer1', observerPassword);
    await expect.poll(() => page.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');
    // The service worker must be active before the network goes, or there is nothing to reload from.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: 'Open a case' }).click();
    await page.getByLabel('Case code').fill('KG-E2E-1');
    await page.getByLabel('Court and city').fill('Bishkek city court');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('KG-E2E-1');

    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('Date of the hearing').fill('2026-11-20');
    const details = page.getByLabel('What exactly happened, and what reason was given?');
    const admitted = page.getByRole('group', { name: /Were monitors admitted/ });
    await admitted.getByLabel('Yes', { exact: true }).check();
    expect(await details.count()).toBe(0);
    // A problem answer opens "what exactly happened".
    await admitted.getByLabel('No', { exact: true }).check();
    await details.fill('Bailiffs said the room was full; 7 people waited outside.');
    await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
    await page.getByLabel('Witness code (no names)').fill('W-1');
    await page.getByLabel('Your neutral summary of the hearing').fill('Monitors were kept out of the courtroom.');
    const notes = page.getByTestId('notes-public_access');
    await notes.getByRole('button', { name: 'Quick note' }).click();
    await notes.getByRole('textbox').fill('Bailiff W-2 took the list of names at the door.');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => notes.locator('li').count()).toBe(1);
    const reportUrl = page.url();
    await waitForSavedAnswer(page, reportUrl.split('/').pop() ?? '', 'summary_text', 'Monitors were kept out of the courtroom.');

    await page.reload();
    await expect.poll(() => page.getByLabel('Your neutral summary of the hearing').inputValue()).toBe('Monitors were kept out of the courtroom.');
    expect(await details.inputValue()).toBe('Bailiffs said the room was full; 7 people waited outside.');
    expect(await page.getByLabel('Witness code (no names)').inputValue()).toBe('W-1');
    expect(await notes.locator('li').textContent()).toContain('Bailiff W-2 took the list of names at the door.');
    expect(page.url()).toBe(reportUrl);

    await page.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state')).toBe('waiting');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    await context.close();

    const coordinator = await browser.newContext({ locale: 'en-GB' });
    const desk = await coordinator.newPage();
    await signIn(desk, server.admin.username, server.admin.password);
    await desk.getByRole('link', { name: 'Received reports' }).click();
    await desk.getByRole('link', { name: 'KG-E2E-1' }).click();
    await expect.poll(() => desk.getByText('Monitors were kept out of the courtroom.').count()).toBe(1);
    // The witness row is titled by its code, and the code is its first answer.
    expect(await desk.locator('.answers-view').getByText('W-1', { exact: true }).count()).toBe(2);
    expect(await desk.getByRole('heading', { level: 1 }).textContent()).toContain('2026-11-20');
    await coordinator.close();
  });
});
