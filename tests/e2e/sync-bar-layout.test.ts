import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, startHearing } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Starts counting layout shifts (every one, even right after a tap: a moved form is a moved form). */
function watchShifts(page: Page): Promise<void> {
  return page.evaluate(() => {
    // Each shift as its value and what moved, so that a failure names the element.
    const w = window as unknown as { __shifts: string[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { value, sources } = entry as unknown as { value: number; sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
        const moved = sources.map((s) => `${s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : String(s.node?.nodeName)} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`);
        w.__shifts.push(`${value.toFixed(4)}: ${moved.join('; ')}`);
      }
    }).observe({ type: 'layout-shift' });
  });
}
const shifts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts);
/**
 * Where the report's heading stands in the page (not in the viewport): a layout that moves moves it, a scroll
 * does not. Playwright scrolls a button into view again, with another alignment on each try, when it retries a
 * click (the sync button is disabled while the app's own round runs): under load that scrolled the page by
 * 280 px, and the heading measured in the viewport said 160 px instead of 440 with no layout shift at all.
 */
const formTop = (page: Page): Promise<number> => page.locator('h1').first().evaluate((h) => h.getBoundingClientRect().top + window.scrollY);

/** Taps "Sync now" once it can be tapped, as a person would: not while a round the app started itself runs. */
async function syncNow(bar: Locator): Promise<void> {
  const button = bar.getByRole('button');
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

/**
 * Issue 14: the sync bar's status line ("Offline: everything is kept on this device", "Syncing...", the
 * retry time) came and went above the form and pushed it down 53 px each time, on every offline retry.
 * Its size is now fixed: changing state moves nothing, in English and in (longer) Russian.
 */
describe.runIf(chromiumAvailable())('the sync bar changing state, in Chromium at 360 px', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'steadybar', '--role', 'observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('moves nothing on the report page when it goes offline, retries, and syncs again', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'steadybar', password);
    await startHearing(page, 'KG-STEADY-1');
    const reportPath = new URL(page.url()).pathname;
    const bar = page.getByTestId('sync-bar');

    for (const language of ['en', 'ru'] as const) {
      if (language === 'ru') {
        await page.goto(`${server.url}/settings`);
        await page.locator('input[name="language"][value="ru"]').check();
        await page.goto(`${server.url}${reportPath}`);
      }
      await page.locator('h1').first().waitFor();
      await expect.poll(() => bar.getAttribute('data-phase'), { timeout: 20_000 }).toBe('idle');
      const before = await formTop(page);
      const barHeight = await bar.evaluate((b) => b.getBoundingClientRect().height);
      await watchShifts(page);

      await context.setOffline(true);
      await syncNow(bar);
      await expect.poll(() => bar.getAttribute('data-phase'), { timeout: 20_000 }).toBe('offline');
      await expect.poll(() => page.getByTestId('sync-phase').textContent()).toMatch(language === 'en' ? /Next try at/ : /\d\d:\d\d/);
      await context.setOffline(false);
      await syncNow(bar);
      // Back online the app may start a round of its own as well: wait until every round is over.
      await expect.poll(async () => [await bar.getAttribute('data-phase'), await page.getByTestId('sync-phase').count()], { timeout: 20_000 }).toEqual(['idle', 0]);

      // One more frame, so that a shift from the last change is reported too.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect({ language, shifts: await shifts(page) }).toEqual({ language, shifts: [] });
      expect(await formTop(page)).toBe(before);
      expect(await bar.evaluate((b) => b.getBoundingClientRect().height)).toBe(barHeight);
    }
    await context.close();
  });
});
