import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * Attachments end to end, in Chromium against the real server process: an observer photographs a
 * document into a hearing report (a generated 2400x1200 PNG), the device shrinks it to a JPEG of at most
 * 1600 px, finalises, syncs; the coordinator sees the photo with its size and opens it. Then the
 * coordinator switches photos off for the project and the observer's app stops offering them.
 */
describe.runIf(chromiumAvailable())('attachments in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let observerPassword: string;

  beforeAll(async () => {
    server = await startServerProcess();
    observerPassword = printedPassword(await server.adminCli('add-user', 'observer5', '--role', 'observer', '--name', 'Observer Five'));
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

  /** A PNG drawn by the browser itself: large enough that the device must shrink it. */
  const generatedPng = async (page: Page): Promise<Buffer> => {
    const dataUrl = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1200;
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('no 2d context');
      for (let x = 0; x < 2400; x += 100) {
        context.fillStyle = `hsl(${x / 7}, 70%, 50%)`;
        context.fillRect(x, 0, 100, 1200);
      }
      return canvas.toDataURL('image/png');
    });
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  };

  const startHearing = async (page: Page, code: string): Promise<void> => {
    await page.getByRole('link', { name: 'Open a case' }).click();
    await page.getByLabel('Case code').fill(code);
    await page.getByLabel('Court and city').fill('Osh city court');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(code);
    await page.getByRole('button', { name: 'Start' }).click();
  };

  it('sends a photo with the report, the coordinator opens it, and a kind switched off is no longer offered', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'observer5', observerPassword);
    await expect.poll(() => page.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');

    await startHearing(page, 'KG-ATT-1');
    await page.getByLabel('Date of the hearing').fill('2026-11-20');
    await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('Your neutral summary of the hearing').fill('A photo of the posted hearing list is attached.');

    const files = page.getByTestId('attachments-observer_files');
    const png = await generatedPng(page);
    await files.locator('input[data-kind="photo"]').setInputFiles({ name: 'hearing-list.png', mimeType: 'image/png', buffer: png });
    const item = files.getByTestId('attachment');
    await expect.poll(() => item.textContent(), { timeout: 20_000 }).toMatch(/^photo · [\d.,]+ KB · on this device, waiting to send/);
    const shownSize = /photo · ([\d.,]+ KB)/.exec((await item.textContent()) ?? '')?.[1] ?? '';

    await page.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    await expect.poll(() => item.textContent(), { timeout: 30_000 }).toContain('· sent');
    await context.close();

    const coordinator = await browser.newContext({ locale: 'en-GB' });
    const desk = await coordinator.newPage();
    await signIn(desk, server.admin.username, server.admin.password);
    await desk.getByRole('link', { name: 'Received reports' }).click();
    await desk.getByRole('link', { name: 'KG-ATT-1' }).click();
    const listed = desk.getByTestId('report-attachment');
    await expect.poll(() => listed.getAttribute('data-state'), { timeout: 20_000 }).toBe('complete');
    expect(await listed.textContent()).toBe(`Photo${shownSize} · received`);
    const href = (await listed.getByRole('link', { name: 'Photo' }).getAttribute('href')) ?? '';
    // The photo as stored: a JPEG shrunk to 1600 px on its long side, opened with the coordinator's session.
    const size = await desk.evaluate(async (url) => {
      const response = await fetch(url);
      const type = response.headers.get('content-type');
      const bitmap = await createImageBitmap(await response.blob());
      return { type, width: bitmap.width, height: bitmap.height };
    }, href);
    expect(size).toEqual({ type: 'image/jpeg', width: 1600, height: 800 });

    // Photos off for the project (courts that forbid them).
    await desk.goto(`${server.url}/coordinator/attachments`);
    const settings = desk.getByTestId('attachment-settings-Default project');
    await expect.poll(() => settings.getByLabel('Photos').isChecked()).toBe(true);
    await settings.getByLabel('Photos').uncheck();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toContain('Saved.');
    await coordinator.close();

    const later = await browser.newContext({ locale: 'en-GB' });
    const phone = await later.newPage();
    await signIn(phone, 'observer5', observerPassword);
    await expect.poll(() => phone.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');
    await startHearing(phone, 'KG-ATT-2');
    const offered = phone.getByTestId('attachments-observer_files');
    await expect.poll(() => offered.getByTestId('kinds-off').textContent()).toContain('does not accept photo here');
    expect(await offered.locator('input[data-kind="photo"]').count()).toBe(0);
    expect(await offered.locator('input[data-kind="document"]').count()).toBe(1);
    await later.close();
  });
});
