import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAndSync, signInAsCoordinator, startHearing, typeInNewRow } from '../helpers/observer-page.ts';
import { savedAnswers } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { formsWithStages } from '../helpers/stage-forms.ts';

const PHONE = { locale: 'en-GB', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;

/**
 * Counts the observer's taps, and the scrolling they need: before each tap, how far the target is outside
 * the screen (what a thumb must scroll to reach it). Jumps the app makes itself (a row opening at the top)
 * are not the observer's scrolling.
 */
function counter(page: Page): { tap: (target: Locator) => Promise<void>; taps: () => number; scrolled: () => number } {
  let taps = 0;
  let scrolled = 0;
  return {
    tap: async (target) => {
      taps += 1;
      const box = await target.boundingBox();
      const height = page.viewportSize()?.height ?? 0;
      if (box === null) throw new Error('the target is not on the page');
      scrolled += box.y < 0 ? -box.y : Math.max(0, box.y + box.height - height);
      await target.click();
    },
    taps: () => taps,
    scrolled: () => scrolled,
  };
}

function rows(page: Page, repeatId: string): Locator {
  return page.locator(`[data-repeat="${repeatId}"] .repeat-row`);
}

async function activePath(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-path]')?.getAttribute('data-path') ?? null);
}

async function goToSection(page: Page, sectionId: string): Promise<void> {
  await page.getByRole('button', { name: 'Sections' }).click();
  await page.locator(`[data-section="${sectionId}"]`).click();
}

/** What this server's hearing form requires (a date, "monitors admitted", one lawyer row), then finalise it and wait until it is sent. */
async function finaliseMinimal(page: Page, before?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByLabel('Date of the hearing').fill('2026-11-20');
  await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('Yes', { exact: true }).check();
  await goToSection(page, 'counsel');
  await page.getByRole('button', { name: /Add: Defence lawyers/ }).click();
  await typeInNewRow(page, 'L1');
  if (before !== undefined) await before(page);
  await page.getByRole('button', { name: 'Finalise and send' }).click();
  await expect.poll(() => page.getByTestId('report-state').first().getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
}

/** Rows as cards, the stage gate and "nothing to record", in Chromium at 360 px (issue 14). */
describe.runIf(chromiumAvailable())('the hearing form at courtroom speed, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess({ FORMS_DIR: formsWithStages() });
    password = printedPassword(await server.adminCli('add-user', 'rowsobs', '--role', 'observer', '--name', 'Rows Observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds three witnesses and records "W2 was in the room while W1 testified" in 6 taps and less than one screen of scrolling; Add focuses the new row; the row title stays on screen', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    const reportId = await startHearing(page, 'KG-ROWS-1');
    await goToSection(page, 'witnesses');

    const count = counter(page);
    const add = page.getByRole('button', { name: /Add: Witnesses heard/ });
    await count.tap(add);
    // The new row is open with the focus in its first answer, the code.
    await expect.poll(() => activePath(page)).toMatch(/^witness_rows\.[^.]+\.witness_code$/);
    await page.keyboard.type('W1');
    await count.tap(add);
    await count.tap(add);
    // The next codes are offered in the observer's series; only the newest row is open.
    await expect.poll(() => rows(page, 'witness_rows').locator('.row-title').allTextContents()).toEqual(['W1', 'W2', 'W3']);
    expect(await rows(page, 'witness_rows').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-open')))).toEqual(['false', 'false', 'true']);

    const w2 = rows(page, 'witness_rows').nth(1);
    await count.tap(w2.getByRole('button', { name: /^W2/ }));
    // hearing@2 records the fact where it belongs: the witness heard another witness testify.
    await count.tap(w2.getByRole('group', { name: /Did this witness hear another witness testify/ }).getByLabel('Yes', { exact: true }));
    const details = w2.locator('[data-path$=".heard_other_testimony_details"] textarea');
    await count.tap(details);
    await page.keyboard.type('In the room while W1 testified.');

    expect(count.taps()).toBeLessThanOrEqual(6);
    expect(count.scrolled()).toBeLessThanOrEqual(740);
    // Deep in W2's questions, its title is still on screen.
    const head = await w2.locator('.row-head').boundingBox();
    expect(head).not.toBeNull();
    expect(head?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(await w2.locator('.row-title').textContent()).toBe('W2');

    await expect
      .poll(async () => {
        const saved = (await savedAnswers(page, reportId))?.['witness_rows'] as Record<string, unknown>[] | undefined;
        return saved?.map((r) => [r['witness_code'], r['heard_other_testimony'] ?? null, r['heard_other_testimony_details'] ?? null]);
      })
      .toEqual([
        ['W1', null, null],
        ['W2', 'yes', 'In the room while W1 testified.'],
        ['W3', null, null],
      ]);
    await context.close();
  });

  it('asks before removing a filled row and puts it back on Undo; more rows than allowed and removing the last required row are refused in words, nothing lost', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    const reportId = await startHearing(page, 'KG-ROWS-2');
    await goToSection(page, 'counsel');
    const lawyers = rows(page, 'lawyer_rows');
    const add = page.getByRole('button', { name: /Add: Defence lawyers/ });

    await add.click();
    await typeInNewRow(page, 'L1');
    await add.click();
    await lawyers.nth(1).getByRole('group', { name: /Chosen or appointed/ }).getByLabel('Appointed by the state').check();
    await expect.poll(() => lawyers.nth(1).locator('.row-title').textContent()).toBe('L2 · Appointed by the state');
    // At most two here: a third Add says so and adds nothing.
    await add.click();
    await expect.poll(() => page.locator('[data-repeat="lawyer_rows"]').getByRole('alert').textContent()).toContain('At most 2 here: nothing was added.');
    expect(await lawyers.count()).toBe(2);

    // Removing the filled row asks first; Keep keeps it.
    await lawyers.nth(1).getByRole('button', { name: 'Remove: L2 · Appointed by the state' }).click();
    const ask = page.getByRole('alertdialog');
    expect(await ask.textContent()).toContain('Remove L2 · Appointed by the state and its answers?');
    // The cards, the open row and the question asked pass axe.
    expect(await axeViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Keep' }).click();
    expect(await lawyers.count()).toBe(2);
    await lawyers.nth(1).getByRole('button', { name: /^Remove: L2/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => lawyers.count()).toBe(1);
    await expect.poll(async () => ((await savedAnswers(page, reportId))?.['lawyer_rows'] as unknown[] | undefined)?.length).toBe(1);

    // Undo puts it back where it was, with its answers, open.
    await page.getByRole('status').filter({ hasText: 'L2 · Appointed by the state removed.' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => lawyers.locator('.row-title').allTextContents()).toEqual(['L1', 'L2 · Appointed by the state']);
    await expect
      .poll(async () => ((await savedAnswers(page, reportId))?.['lawyer_rows'] as Record<string, unknown>[] | undefined)?.map((r) => r['lawyer_kind'] ?? null))
      .toEqual([null, 'appointed']);

    // At least one lawyer row is required: the last one cannot go, and says why.
    await lawyers.nth(1).getByRole('button', { name: /^Remove: L2/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await lawyers.nth(0).getByRole('button', { name: /^L1/ }).click();
    await lawyers.nth(0).getByRole('button', { name: 'Remove: L1' }).click();
    await expect.poll(() => page.locator('[data-repeat="lawyer_rows"]').getByRole('alert').textContent()).toContain('At least 1 needed here: this one cannot be removed.');
    expect(await lawyers.count()).toBe(1);
    expect(((await savedAnswers(page, reportId))?.['lawyer_rows'] as Record<string, unknown>[] | undefined)?.map((r) => r['lawyer_code'])).toEqual(['L1']);
    await context.close();
  });

  it('hides the sections the stages of the day rule out, "nothing to record here" hides one more, and the total counts what is shown and does not grow with answers', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    const reportId = await startHearing(page, 'KG-ROWS-3');
    const overall = page.getByTestId('overall-progress');
    const total = async (): Promise<number> => Number(await overall.getAttribute('data-total'));
    await expect.poll(total).toBeGreaterThan(0);
    const full = await total();
    expect(await page.locator('#form-section-witnesses').count()).toBe(1);

    // A five-minute adjournment: one tap on the stage hides witnesses and evidence, title and all.
    await page.getByRole('group', { name: /Which stages of the trial took place today/ }).getByLabel('Adjourned without hearing the case').check();
    await expect.poll(() => page.locator('#form-section-witnesses').count()).toBe(0);
    expect(await page.locator('#form-section-evidence').count()).toBe(0);
    expect(await page.locator('#form-section-counsel').count()).toBe(1);
    const adjourned = await total();
    expect(adjourned).toBeLessThan(full);
    await page.getByRole('button', { name: 'Sections' }).click();
    expect(await page.locator('[data-section="witnesses"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Sections' }).click();

    // Answers that open follow-up questions leave the total as it is.
    await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
    await expect.poll(() => overall.getAttribute('data-answered')).toBe('2');
    expect(await total()).toBe(adjourned);

    // "Nothing to record here" on the interpreter section: one tap, its questions go, the total shrinks.
    const interpreter = page.locator('#form-section-interpreter');
    await interpreter.getByRole('button', { name: 'Nothing to record here' }).click();
    await expect.poll(() => interpreter.getAttribute('data-section-shown')).toBe('nothing');
    expect(await axeViolations(page)).toEqual([]);
    expect(await interpreter.locator('.slot').count()).toBe(0);
    expect(await total()).toBeLessThan(adjourned);
    await expect.poll(async () => (await savedAnswers(page, reportId))?.['_nothing']).toEqual(['interpreter']);
    await interpreter.getByRole('button', { name: 'Record something here after all' }).click();
    await expect.poll(() => interpreter.locator('.slot').count()).toBeGreaterThan(0);
    expect(await total()).toBe(adjourned);

    // The evidence stage brings the witnesses back, with nothing lost.
    await page.getByRole('group', { name: /Which stages of the trial took place today/ }).getByLabel('Examination of evidence and witnesses').check();
    await expect.poll(() => page.locator('#form-section-witnesses').count()).toBe(1);
    await context.close();
  });

  it('a question pinned to an answer inside a witness row reaches the phone beside that answer; "needs clarification" (with the count) and "approved" are told apart on the case list; a question about a hidden answer says so', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    await startHearing(page, 'KG-REV-ASK');
    await finaliseMinimal(page, async (p) => {
      await goToSection(p, 'witnesses');
      await p.getByRole('button', { name: /Add: Witnesses heard/ }).click();
      await typeInNewRow(p, 'W1');
      await p.getByRole('group', { name: /Did this witness hear another witness testify/ }).getByLabel('Yes', { exact: true }).check();
      // An answer then hidden by "nothing to record here": kept in the report, not on screen.
      await goToSection(p, 'interpreter');
      await p.getByRole('group', { name: /Did anyone need an interpreter/ }).getByLabel('No', { exact: true }).check();
      await p.locator('#form-section-interpreter').getByRole('button', { name: 'Nothing to record here' }).click();
    });
    const askedUrl = page.url();
    await page.getByRole('link', { name: 'Cases' }).first().click();
    await page.getByRole('link', { name: 'Open a case' }).waitFor();
    await startHearing(page, 'KG-REV-OK');
    await finaliseMinimal(page);

    const desk = await browser.newContext({ locale: 'en-GB' });
    const deskPage = await desk.newPage();
    await signInAsCoordinator(deskPage, server.url, server.admin.username, server.admin.password);
    await deskPage.getByRole('link', { name: 'Received reports' }).click();
    await deskPage.getByRole('link', { name: 'KG-REV-ASK' }).click();
    await deskPage.getByLabel('Comment or question for the observer').fill('Where exactly was W1 sitting?');
    await deskPage.getByLabel('About').selectOption({ label: "Witnesses heard · W1: Did this witness hear another witness testify (for example victims present for each other's testimony)?" });
    await deskPage.getByRole('button', { name: 'Ask for clarification' }).click();
    await expect.poll(() => deskPage.getByTestId('review-status').textContent()).toBe('Needs clarification');
    await deskPage.getByLabel('Comment or question for the observer').fill('Who needed one?');
    await deskPage.getByLabel('About').selectOption({ label: 'Did anyone need an interpreter?' });
    await deskPage.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => deskPage.getByText('Who needed one?').count()).toBe(1);
    await deskPage.getByRole('link', { name: 'Received reports', exact: true }).click();
    await deskPage.getByRole('link', { name: 'KG-REV-OK' }).click();
    await deskPage.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => deskPage.getByTestId('review-status').textContent()).toBe('Approved');

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('link', { name: 'Cases' }).first().click();
    const badge = (code: string): Locator => page.locator(`[data-case="${code}"]`).getByTestId('report-state');
    await expect.poll(() => badge('KG-REV-ASK').getAttribute('data-state'), { timeout: 20_000 }).toBe('needs_clarification');
    expect(await badge('KG-REV-ASK').textContent()).toContain('Needs clarification: 2 questions');
    await expect.poll(() => badge('KG-REV-OK').getAttribute('data-state'), { timeout: 20_000 }).toBe('approved');
    expect(await badge('KG-REV-OK').textContent()).toContain('Approved');
    expect(await badge('KG-REV-OK').textContent()).not.toContain('clarification');

    await page.goto(askedUrl);
    await expect.poll(() => page.getByTestId('report-state').first().textContent(), { timeout: 20_000 }).toContain('Needs clarification: 2 questions');
    // The witness's card says a question waits in it; opened, the question is beside W1's answer.
    const w1 = rows(page, 'witness_rows').nth(0);
    expect(await w1.locator('.row-summary').textContent()).toContain('questions from the coordinator: 1');
    const pinned = w1.locator('[data-path$=".heard_other_testimony"]').getByTestId('pinned-comments');
    await expect.poll(() => pinned.getByText('Where exactly was W1 sitting?').count()).toBe(1);
    // From the review, "Show the answer" goes to it; for the hidden interpreter answer it says why not.
    const thread = page.getByTestId('review-thread');
    await thread.locator('li').filter({ hasText: 'Who needed one?' }).getByRole('button', { name: 'Show the answer' }).click();
    await expect.poll(() => thread.getByRole('alert').textContent()).toContain('That question is not shown now');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    await desk.close();
  });

  it('discards a draft started by mistake after asking, and restores it from the case page', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    const reportId = await startHearing(page, 'KG-ROWS-4');
    await page.getByLabel('Date of the hearing').fill('2026-11-21');
    await page.getByRole('button', { name: 'Discard this draft' }).click();
    const ask = page.getByRole('alertdialog');
    expect(await ask.textContent()).toContain('until the next sync');
    await ask.getByRole('button', { name: 'Keep it' }).click();
    expect(new URL(page.url()).pathname).toBe(`/reports/${reportId}`);
    await page.getByRole('button', { name: 'Discard this draft' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('KG-ROWS-4');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'discarded' }).count()).toBe(1);
    expect(await page.getByTestId('report-list').count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'discarded' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('report-list').locator('li').count()).toBe(1);
    await page.getByTestId('report-list').getByRole('link').first().click();
    await expect.poll(() => page.getByLabel('Date of the hearing').inputValue()).toBe('2026-11-21');
    await context.close();
  });

  it('turns a quick note into a witness row, open, with the time and words of the note and the next code', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'rowsobs', password);
    const reportId = await startHearing(page, 'KG-ROWS-5');
    await goToSection(page, 'witnesses');
    await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
    await typeInNewRow(page, 'W1');
    const notes = page.getByTestId('notes-witnesses');
    await notes.getByRole('button', { name: 'Quick note' }).click();
    await notes.getByRole('textbox').fill('Second witness came in and sat with the public.');
    await notes.getByRole('button', { name: 'Save note' }).click();
    const time = await notes.locator('time').textContent();
    await notes.getByRole('button', { name: 'Make it a row: Witnesses heard' }).click();

    await expect.poll(() => rows(page, 'witness_rows').locator('.row-title').allTextContents()).toEqual(['W1', 'W2']);
    expect(await rows(page, 'witness_rows').nth(1).getAttribute('data-open')).toBe('true');
    await expect.poll(() => activePath(page)).toMatch(/^witness_rows\.[^.]+\.witness_code$/);
    await expect
      .poll(async () => ((await savedAnswers(page, reportId))?.['witness_rows'] as Record<string, unknown>[] | undefined)?.[1]?.['witness_notes'])
      .toBe(`${time ?? ''} Second witness came in and sat with the public.`);
    await context.close();
  });
});
