import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, startHearing, typeInNewRow } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * Elements reaching past the right edge of the screen, and whether the page scrolls sideways. Content
 * inside a container that scrolls or clips on its own (a wide table in its scroller) is its container's
 * business, not the page's.
 */
function tooWide(page: Page): Promise<{ sideways: boolean; wide: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let node = el.parentElement; node !== null && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1 || clipped(el)) continue;
      wide.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" right=${Math.round(box.right)}`);
    }
    return { sideways: document.documentElement.scrollWidth > width, wide };
  });
}

const LONG_CODE = 'KG-2026-0142-BISHKEK-OCTOBER-DISTRICT-COURT-CRIM-77';

/** Issue 14: nothing on an observer screen is wider than a 360 px phone, in English and Russian, light and dark. */
describe.runIf(chromiumAvailable())('observer screens at 360 px, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'narrowobs', '--role', 'observer', '--name', 'Narrow Observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`keeps every observer screen within 360 px in both languages (${colorScheme})`, async () => {
      const problems: Record<string, { sideways: boolean; wide: string[] }> = {};
      const check = async (page: Page, name: string): Promise<void> => {
        const found = await tooWide(page);
        if (found.sideways || found.wide.length > 0) problems[name] = found;
      };
      const phone = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, colorScheme } as const;

      const russian = await browser.newContext({ ...phone, locale: 'ru-RU' });
      const signInRu = await russian.newPage();
      await signInRu.goto(server.url);
      await signInRu.getByRole('button', { name: 'Войти' }).waitFor();
      await check(signInRu, 'ru: sign-in');
      await russian.close();

      const context = await browser.newContext({ ...phone, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await check(page, 'en: sign-in');
      await signInAndSync(page, server.url, 'narrowobs', password);
      const reportId = await startHearing(page, `${LONG_CODE}-${colorScheme}`, 'Oktyabrsky District Court of Bishkek, criminal chamber, courtroom 4');
      await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
      await typeInNewRow(page, 'W1-PROSECUTION-VICTIM-WITH-A-VERY-LONG-CODE-WITHOUT-SPACES');
      await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
      const caseLink = await page.getByRole('link', { name: new RegExp(LONG_CODE) }).getAttribute('href');

      for (const language of ['en', 'ru'] as const) {
        if (language === 'ru') {
          await page.goto(`${server.url}/settings`);
          await page.getByLabel('Русский').check();
          await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Настройки' }).waitFor();
        }
        await page.goto(server.url);
        await page.getByTestId('case-list').waitFor();
        await check(page, `${language}: case list`);
        await page.goto(`${server.url}/cases/new`);
        await page.locator('main input').first().waitFor();
        await check(page, `${language}: new case`);
        await page.goto(`${server.url}${caseLink ?? ''}`);
        await page.getByTestId('report-list').waitFor();
        await check(page, `${language}: case page`);
        await page.goto(`${server.url}/reports/${reportId}`);
        await page.getByTestId('section-nav').waitFor();
        await page.getByTestId('section-nav').locator('button').first().click();
        await check(page, `${language}: report with rows and the section list open`);
        await page.goto(`${server.url}/settings`);
        await page.locator('#backup-file').waitFor();
        await check(page, `${language}: settings`);
      }
      expect(problems).toEqual({});
      await context.close();
    });
  }
});
