import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, signInAsCoordinator, startHearing } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * QUALITY.md: axe-core finds nothing on any screen, in the light and the dark theme, and the report form
 * works from the keyboard alone. Each screen is checked once its content is on screen.
 */
describe.runIf(chromiumAvailable())('accessibility in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'reader', '--role', 'observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no violation on any observer or coordinator screen (${colorScheme})`, async () => {
      const found: Record<string, string[]> = {};
      const check = async (on: Page, screen: string): Promise<void> => {
        const violations = await axeViolations(on);
        if (violations.length > 0) found[screen] = violations;
      };
      const context = await browser.newContext({ locale: 'en-GB', colorScheme, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('Username').waitFor();
      await check(page, 'sign-in');
      await signInAndSync(page, server.url, 'reader', password);
      await check(page, 'case list (empty)');
      await page.getByRole('link', { name: 'Open a case' }).click();
      await page.getByLabel('Case code').waitFor();
      await check(page, 'new case');
      await page.goBack();
      const reportId = await startHearing(page, `KG-A11Y-${colorScheme}`, 'Bishkek city court');
      // Reveal the follow-up questions and a repeated row, so every item type is on screen.
      await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
      await page.getByLabel('Witness code (no names)').waitFor();
      await check(page, 'report form');
      await page.getByLabel('Date of the hearing').fill('2026-11-20');
      await page.getByLabel('What exactly happened, and what reason was given?').fill('Kept out.');
      await page.getByLabel('Witness code (no names)').fill('W-1');
      await page.getByRole('button', { name: 'Finalise and send' }).click();
      await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');

      // The coordinator asks a question, so the observer's finalised report shows a review thread.
      const desk = await browser.newContext({ locale: 'en-GB', colorScheme, viewport: { width: 1280, height: 900 } });
      const deskPage = await desk.newPage();
      await signInAsCoordinator(deskPage, server.url, server.admin.username, server.admin.password);
      await deskPage.getByRole('link', { name: 'Received reports' }).click();
      await deskPage.getByRole('link', { name: `KG-A11Y-${colorScheme}` }).waitFor();
      await check(deskPage, 'coordinator: reports list');
      await deskPage.getByRole('link', { name: `KG-A11Y-${colorScheme}` }).click();
      await deskPage.getByLabel('Comment or question for the observer').fill('Who refused entry?');
      await deskPage.getByRole('button', { name: 'Ask for clarification' }).click();
      await expect.poll(() => deskPage.getByTestId('review-status').textContent()).toBe('Needs clarification');
      await check(deskPage, 'coordinator: report detail');
      await deskPage.getByRole('link', { name: 'Review cases' }).click();
      await deskPage.getByRole('link', { name: `KG-A11Y-${colorScheme}` }).waitFor();
      await check(deskPage, 'coordinator: cases');
      await deskPage.getByRole('link', { name: `KG-A11Y-${colorScheme}` }).click();
      await deskPage.getByRole('heading', { level: 1 }).waitFor();
      await deskPage.waitForLoadState('networkidle');
      await check(deskPage, 'coordinator: case review');
      await deskPage.goto(`${server.url}/coordinator/cases`);
      await deskPage.getByRole('link', { name: 'Rights over time' }).click();
      await deskPage.waitForLoadState('networkidle');
      await check(deskPage, 'coordinator: themes');
      await deskPage.goto(`${server.url}/coordinator/cases`);
      await deskPage.getByRole('link', { name: 'Checklists' }).click();
      await deskPage.waitForLoadState('networkidle');
      await check(deskPage, 'coordinator: checklists');
      await desk.close();

      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => page.getByTestId('review-status').textContent(), { timeout: 20_000 }).toBe('Needs clarification');
      await check(page, 'finalised report with review thread');
      await page.goto(`${server.url}/reports/${reportId}`);
      await page.getByRole('link', { name: /KG-A11Y/ }).click();
      await page.getByTestId('report-list').waitFor();
      await check(page, 'case page');
      await page.getByRole('link', { name: 'Cases', exact: true }).first().click();
      await page.getByTestId('case-list').waitFor();
      await check(page, 'case list');
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByTestId('storage-use').waitFor();
      await check(page, 'settings');
      if (colorScheme === 'light') {
        // The dimmed dark theme chosen in settings (on a light phone) applies at once and passes axe too.
        await page.getByLabel('Dark, dimmed').check();
        await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(11, 12, 13)');
        await check(page, 'settings, dark theme chosen');
        // So does the language, and both are remembered across a reload.
        await page.getByLabel('Русский').check();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Настройки');
        await page.reload();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Настройки');
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
        await check(page, 'settings in Russian');
      }
      await context.close();
      expect(found).toEqual({});
    });
  }

  it('fills the report form from the keyboard alone', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'reader', password);
    await startHearing(page, 'KG-KEYS-1', 'Bishkek city court');
    // Date fields take their digits in the locale's order: the test fills it, then goes on by keyboard alone.
    await page.getByLabel('Date of the hearing').fill('2026-11-20');
    await page.getByLabel('Date of the hearing').focus();
    // Tab on to the first question after the date, answer it with the arrow keys and space, as a screen-reader user does.
    const reached: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!(el instanceof HTMLElement)) return '';
        const label = el.closest('label')?.textContent ?? (el.id === '' ? '' : document.querySelector(`label[for="${el.id}"]`)?.textContent) ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}:${label.trim()}`;
      });
      reached.push(focused);
      if (focused.includes('neutral summary')) break;
    }
    expect(reached.some((f) => f.startsWith('input:') && f.includes('Yes'))).toBe(true);
    expect(reached.at(-1)).toContain('Your neutral summary of the hearing');
    await page.keyboard.type('Typed from the keyboard.');
    expect(await page.getByLabel('Your neutral summary of the hearing').inputValue()).toBe('Typed from the keyboard.');
    expect(await page.getByLabel('Date of the hearing').inputValue()).toBe('2026-11-20');
    // Every control the keyboard reached has a visible focus indicator (the outline from styles.css).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle);
    expect(outline).toBe('solid');
    await context.close();
  });
});
