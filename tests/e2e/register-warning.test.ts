import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** The observer's register on the phone and the quiet warning under a free-text answer (issue 13, part 4). */
describe.runIf(chromiumAvailable())("the observer's register of people, in Chromium", () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'regobs', '--role', 'observer', '--name', 'Register Observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a name too common to recognise, keeps a full one, and warns quietly where a report names that person in any case form', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'regobs', password);
    await page.getByRole('link', { name: 'Open a case' }).click();
    await page.getByLabel('Case code').fill('KG-REG-1');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('KG-REG-1');

    const register = page.getByTestId('my-register');
    await register.locator('summary').click();
    await register.getByLabel('Code', { exact: true }).fill('W1');
    await register.getByLabel('Name', { exact: true }).fill('Ли');
    await register.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => register.getByRole('alert').textContent()).toContain('Too short or too common');
    await expect.poll(() => register.locator('li').count()).toBe(0);

    await register.getByLabel('Code', { exact: true }).fill('d1');
    await register.getByLabel('Name', { exact: true }).fill('Иванов Сергей');
    await register.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => register.locator('li').first().textContent()).toContain('D1');

    await page.getByRole('button', { name: 'Start' }).click();
    const summary = page.getByLabel('Your neutral summary of the hearing');
    await summary.fill('Знаете ли вы, что суд отклонил ходатайство?');
    expect(await page.getByTestId('name-warning').count()).toBe(0);
    await summary.fill('Подсудимому Иванову не дали слова.');
    await expect.poll(() => page.getByTestId('name-warning').textContent()).toContain('This names a person in the register');
    await summary.fill('Ivanov was silent.');
    await expect.poll(() => page.getByTestId('name-warning').count()).toBe(1);
    await summary.fill('The defendant D1 was silent.');
    await expect.poll(() => page.getByTestId('name-warning').count()).toBe(0);
    await context.close();
  });
});
