import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { signInAsCoordinator } from '../helpers/observer-page.ts';

/** Issue 6: the coordinator asks; the observer, offline, sees the question and replies; sync; the coordinator reads the reply. */
describe.runIf(chromiumAvailable())('review flow in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'observer3', '--role', 'observer', '--name', 'Observer Three'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = async (page: Page, username: string, secret: string): Promise<void> => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');
  };

  it('carries a question to the offline observer and the reply back', async () => {
    const observerContext = await browser.newContext({ locale: 'en-GB' });
    const phone = await observerContext.newPage();
    await signIn(phone, 'observer3', password);
    await phone.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await phone.getByRole('link', { name: 'Open a case' }).click();
    await phone.getByLabel('Case code').fill('KG-ASK-1');
    await phone.getByRole('button', { name: 'Create' }).click();
    await phone.getByRole('button', { name: 'Start' }).click();
    await phone.getByLabel('Date of the hearing').fill('2026-11-21');
    await phone.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
    await phone.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => phone.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    const reportUrl = phone.url();

    const deskContext = await browser.newContext({ locale: 'en-GB' });
    const desk = await deskContext.newPage();
    await signInAsCoordinator(desk, server.url, server.admin.username, server.admin.password);
    await desk.getByRole('link', { name: 'Received reports' }).click();
    await desk.getByRole('link', { name: 'KG-ASK-1' }).click();
    await desk.getByLabel('Comment or question for the observer').fill('Who refused entry: bailiffs or police?');
    await desk.getByLabel('About').selectOption({ label: 'Were monitors admitted to the courtroom?' });
    await desk.getByRole('button', { name: 'Ask for clarification' }).click();
    await expect.poll(() => desk.getByTestId('review-status').textContent()).toBe('Needs clarification');

    await phone.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => phone.getByTestId('review-status').textContent(), { timeout: 20_000 }).toBe('Needs clarification');

    await observerContext.setOffline(true);
    await phone.goto(reportUrl);
    const thread = phone.getByTestId('review-thread');
    await expect.poll(() => thread.getByText('Who refused entry: bailiffs or police?').count(), { timeout: 20_000 }).toBe(1);
    expect(await thread.getByText('About: Were monitors admitted to the courtroom?').count()).toBe(1);
    await phone.getByLabel('Your reply').fill('Bailiffs, two of them.');
    await phone.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => thread.getByText('waiting to send').count()).toBe(1);

    await observerContext.setOffline(false);
    await expect.poll(() => thread.getByText('waiting to send').count(), { timeout: 30_000 }).toBe(0);

    await desk.reload();
    await expect.poll(() => desk.getByTestId('review-panel').getByText('Bailiffs, two of them.').count(), { timeout: 20_000 }).toBe(1);
    await desk.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => desk.getByTestId('review-status').textContent()).toBe('Approved');
    await observerContext.close();
    await deskContext.close();
  });
});
