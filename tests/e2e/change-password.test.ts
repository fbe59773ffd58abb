import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Issue 15 item 8: a coordinator chooses their own password from the account area; other sessions end. */
describe.runIf(chromiumAvailable())('a coordinator changes their password in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'farid', '--role', 'coordinator', '--project', 'Default project'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong current password and a mismatch, then changes it; the other browser is signed out', async () => {
    const signIn = async (secret: string) => {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('Username').fill('farid');
      await page.getByLabel('Password').fill(secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Change password' }).waitFor();
      return page;
    };
    const elsewhere = await signIn(password);
    const desk = await signIn(password);
    await desk.getByRole('link', { name: 'Change password' }).click();
    const form = desk.getByTestId('change-password');
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password', { exact: true }).fill('river stone lantern 42');
    await form.getByLabel('New password again').fill('river stone lantern 42');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('The current password is wrong. Nothing was changed.');
    expect(await axeViolations(desk)).toEqual([]);

    await form.getByLabel('Current password').fill(password);
    await form.getByLabel('New password', { exact: true }).fill('too short');
    await form.getByLabel('New password again').fill('too short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('The new password needs at least 12 characters.');

    await form.getByLabel('New password', { exact: true }).fill('river stone lantern 42');
    await form.getByLabel('New password again').fill('river stone lantern 43');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('The two new passwords differ. Type the same one twice.');

    await form.getByLabel('New password again').fill('river stone lantern 42');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => desk.getByTestId('password-changed').textContent()).toContain('Sessions ended on other devices and browsers: 1');
    expect(await form.getByLabel('Current password').inputValue()).toBe('');

    // The other browser's session is over; the new password signs in.
    expect((await elsewhere.request.get(`${server.url}/api/me`)).status()).toBe(401);
    expect((await desk.request.get(`${server.url}/api/me`)).status()).toBe(200);
    await signIn('river stone lantern 42');
  });
});
