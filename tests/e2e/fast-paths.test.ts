import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, startHearing } from '../helpers/observer-page.ts';
import { savedAnswers } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** A phone in Bishkek (UTC+6): the times stamped must be the device's local time, not UTC. */
const TIME_ZONE = 'Asia/Bishkek';
const PHONE = { locale: 'en-GB', timezoneId: TIME_ZONE, viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;
/** The most witness rows the test's hearing form allows, to reach the limit in a few taps. */
const WITNESS_MAX = 2;

/** The shipped forms with the hearing form's witness rows limited to WITNESS_MAX (nothing else changed). */
function formsWithFewWitnesses(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tm-forms-'));
  cpSync('forms', dir, { recursive: true });
  const file = join(dir, 'hearing.json');
  const form = JSON.parse(readFileSync(file, 'utf8')) as { sections: { items: Record<string, unknown>[] }[] };
  for (const section of form.sections) for (const item of section.items) if (item['id'] === 'witness_rows') item['max'] = WITNESS_MAX;
  writeFileSync(file, JSON.stringify(form));
  return dir;
}

/** HH:MM on the phone's clock at `at`. */
function localHhMm(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(at);
}

type Rows = Record<string, unknown>[];
async function saved(page: Page, reportId: string, repeat: string): Promise<Rows> {
  return ((await savedAnswers(page, reportId))?.[repeat] as Rows | undefined) ?? [];
}

/** Counts taps, and checks each is within the screen where the thumb is (no scrolling to reach it). */
function counter(page: Page): { tap: (target: Locator) => Promise<void>; taps: () => number; offScreen: () => number } {
  let taps = 0;
  let offScreen = 0;
  return {
    tap: async (target) => {
      taps += 1;
      const box = await target.boundingBox();
      const height = page.viewportSize()?.height ?? 0;
      if (box === null) throw new Error('the target is not on the page');
      if (box.y < 0 || box.y + box.height > height) offScreen += 1;
      await target.click();
    },
    taps: () => taps,
    offScreen: () => offScreen,
  };
}

/** The courtroom fast paths (issue 14 part 3), in Chromium at 360 px. */
describe.runIf(chromiumAvailable())('the courtroom fast paths, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess({ FORMS_DIR: formsWithFewWitnesses() });
    password = printedPassword(await server.adminCli('add-user', 'fastobs', '--role', 'observer', '--name', 'Fast Observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openHearing(code: string): Promise<{ context: BrowserContext; page: Page; reportId: string; bar: Locator }> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'fastobs', password);
    const reportId = await startHearing(page, code);
    // The observer is somewhere in the form, the page's header scrolled away (the navigator, stuck to the
    // bottom of the screen, cannot rise above the top of the form).
    await page.locator('#section-independence').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    // The bar opens from the stopwatch button beside "Next unanswered", once per device: it stays open after that.
    const toggle = page.getByTestId('section-nav').getByRole('button', { name: 'Record in court with the time' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return { context, page, reportId, bar: page.getByTestId('fast-paths') };
  }

  it('records a witness entering, testifying and leaving in 5 taps at the bottom of the screen, at the phone’s local time; a reload keeps it', async () => {
    const { context, page, reportId, bar } = await openHearing('KG-FAST-1');
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);
    const count = counter(page);
    const witnessRows = page.locator('[data-repeat="witness_rows"] .repeat-row');

    await page.clock.setFixedTime(at(0));
    await count.tap(bar.getByRole('button', { name: 'Witness enters' }));
    await expect.poll(() => bar.getByRole('status').textContent()).toBe(`Row 1: Entered the courtroom at ${localHhMm(at(0))}.Undo`);
    // It asked for nothing: no keyboard, the screen did not jump to the row, which waits closed.
    expect(await page.evaluate(() => document.activeElement?.closest('.form-view') ?? null)).toBeNull();
    expect(await witnessRows.count()).toBe(1);
    expect(await witnessRows.first().getAttribute('data-open')).toBe('false');

    await page.clock.setFixedTime(at(4));
    await count.tap(bar.getByRole('button', { name: 'Witness testifies' }));
    await count.tap(bar.getByRole('group', { name: /Which witness is testifying/ }).getByRole('button', { name: `Row 1 · ${localHhMm(at(0))}` }));
    await page.clock.setFixedTime(at(21));
    await count.tap(bar.getByRole('button', { name: 'Witness leaves' }));
    await count.tap(bar.getByRole('group', { name: /Which witness is leaving/ }).getByRole('button', { name: /^Row 1/ }));

    // N = 5 taps, each one within the screen without scrolling.
    expect(count.taps()).toBe(5);
    expect(count.offScreen()).toBe(0);
    const times = (rows: Rows) => rows.map((r) => [r['witness_entered_at'], r['witness_testified_at'], r['witness_left_at']]);
    await expect.poll(async () => times(await saved(page, reportId, 'witness_rows'))).toEqual([[localHhMm(at(0)), localHhMm(at(4)), localHhMm(at(21))]]);
    // Local time, not UTC (Bishkek is six hours ahead).
    expect(localHhMm(at(0))).not.toBe(at(0).toISOString().slice(11, 16));

    await page.reload();
    // The bar is still open: it stays open on this device.
    await page.getByTestId('fast-paths').waitFor();
    // The last row is open when the report opens: the times are in it, in the row's own time fields.
    await expect.poll(() => witnessRows.first().getAttribute('data-open')).toBe('true');
    await expect.poll(() => witnessRows.first().getByLabel('Left the courtroom at').inputValue()).toBe(localHhMm(at(21)));
    expect(await witnessRows.first().getByLabel('Entered the courtroom at').inputValue()).toBe(localHhMm(at(0)));
    expect(times(await saved(page, reportId, 'witness_rows'))).toEqual([[localHhMm(at(0)), localHhMm(at(4)), localHhMm(at(21))]]);
    await context.close();
  });

  it('a motion and its ruling, an allegation of ill-treatment, a document shown and one referred to each fill the right row with the time; Undo takes one tap back', async () => {
    const { context, page, reportId, bar } = await openHearing('KG-FAST-2');
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const at = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000);

    await page.clock.setFixedTime(at(0));
    await bar.getByRole('button', { name: 'Motion made' }).click();
    await page.clock.setFixedTime(at(7));
    await bar.getByRole('button', { name: 'Ruling on a motion' }).click();
    await bar.getByRole('group', { name: /Ruling on which motion/ }).getByRole('button', { name: `Row 1 · ${localHhMm(at(0))}` }).click();
    await expect
      .poll(async () => (await saved(page, reportId, 'motion_rows')).map((r) => [r['motion_made_at'], r['motion_ruled_at']]))
      .toEqual([[localHhMm(at(0)), localHhMm(at(7))]]);

    // "Ill-treatment raised" answers the gate question, so the allegation row is asked and shown.
    await page.clock.setFixedTime(at(9));
    await bar.getByRole('button', { name: 'Ill-treatment raised' }).click();
    await expect.poll(async () => (await savedAnswers(page, reportId))?.['torture_allegation']).toBe('yes');
    expect((await saved(page, reportId, 'allegation_rows')).map((r) => r['allegation_raised_at'])).toEqual([localHhMm(at(9))]);
    await expect.poll(() => page.locator('[data-repeat="allegation_rows"] .repeat-row').count()).toBe(1);

    await page.clock.setFixedTime(at(12));
    await bar.getByRole('button', { name: 'Document shown' }).click();
    await expect.poll(async () => (await saved(page, reportId, 'evidence_rows')).length).toBe(1);
    await bar.getByRole('button', { name: 'Document referred to' }).click();
    await expect
      .poll(async () => (await saved(page, reportId, 'evidence_rows')).map((r) => [r['evidence_shown_at'] ?? null, r['evidence_referred_at'] ?? null]))
      .toEqual([
        [localHhMm(at(12)), null],
        [null, localHhMm(at(12))],
      ]);

    // Undo takes back the last tap only, and is saved.
    await bar.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await saved(page, reportId, 'evidence_rows')).map((r) => r['evidence_shown_at'] ?? null)).toEqual([localHhMm(at(12))]);
    expect(await bar.getByRole('status').textContent()).toContain('Undone');
    // Undo of "ill-treatment raised" after a reload is not offered: the tap is saved, the row stays.
    expect((await saved(page, reportId, 'allegation_rows')).length).toBe(1);
    await context.close();
  });

  it('says so and changes nothing when the witness rows are full, when no witness waits for the time, or when the stage of the day hides witnesses; axe finds nothing; the bar is in Russian too', async () => {
    const { context, page, reportId, bar } = await openHearing('KG-FAST-3');
    const enters = bar.getByRole('button', { name: 'Witness enters' });

    // No witness yet: "testifies" has nobody to choose.
    await bar.getByRole('button', { name: 'Witness testifies' }).click();
    await expect.poll(() => bar.getByRole('alert').textContent()).toBe('No row in “Witnesses heard” is waiting for this time: nothing was recorded. Add the row first.');
    expect((await savedAnswers(page, reportId))?.['witness_rows']).toBeUndefined();

    for (let i = 0; i < WITNESS_MAX; i += 1) await enters.click();
    await expect.poll(async () => (await saved(page, reportId, 'witness_rows')).length).toBe(WITNESS_MAX);
    await enters.click();
    await expect.poll(() => bar.getByRole('alert').textContent()).toBe(`At most ${WITNESS_MAX} rows in “Witnesses heard”: nothing was recorded.`);
    expect((await saved(page, reportId, 'witness_rows')).length).toBe(WITNESS_MAX);
    expect(await page.locator('[data-repeat="witness_rows"] .repeat-row').count()).toBe(WITNESS_MAX);

    // The bar with the witness chips open passes axe.
    await bar.getByRole('button', { name: 'Witness leaves' }).click();
    await bar.getByRole('group', { name: /Which witness is leaving/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await bar.getByRole('button', { name: 'Cancel' }).click();

    // An adjournment without the evidence stage hides the witnesses: a witness entering is refused there.
    await page.getByRole('group', { name: /What did this hearing cover/ }).getByLabel(/Adjourned/).check();
    await expect.poll(() => page.locator('#form-section-witnesses').count()).toBe(0);
    const before = await savedAnswers(page, reportId);
    await enters.click();
    await expect.poll(() => bar.getByRole('alert').textContent()).toContain('“Witnesses heard” is not asked now');
    expect(await savedAnswers(page, reportId)).toEqual(before);

    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Русский').check();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Настройки' }).waitFor();
    await page.goto(`${server.url}/reports/${reportId}`);
    await page.getByTestId('fast-paths').waitFor();
    const names = await page.getByTestId('fast-paths').locator('.fast-buttons button').allTextContents();
    expect(names).toEqual(['Свидетель вошёл', 'Свидетель даёт показания', 'Свидетель вышел', 'Заявление о пытках', 'Заявлено ходатайство', 'Решение по ходатайству', 'Документ показан', 'Документ упомянут']);
    await page.getByTestId('fast-paths').getByRole('button', { name: 'Заявлено ходатайство' }).click();
    await expect.poll(() => page.getByTestId('fast-paths').getByRole('status').textContent()).toMatch(/^Строка 1: Заявлено в \d\d:\d\d\.Отменить$/);
    expect(await axeViolations(page)).toEqual([]);
    // Open, in Russian, with a message: nothing in the navigator reaches past the 360 px screen.
    const wide = await page.getByTestId('section-nav').evaluate((nav) => [nav, ...nav.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.outerHTML.slice(0, 60)));
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
