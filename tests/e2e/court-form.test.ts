import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { fillAndFinalise, reportState, signInAndSync, signInAsCoordinator, startHearing } from '../helpers/observer-page.ts';
import { waitForSavedAnswer } from '../helpers/saved-answer.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Controls smaller than a fingertip, and whether the page scrolls sideways, at the phone's width. */
async function layoutProblems(page: Page): Promise<{ sideways: boolean; small: string[] }> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('main button, main select, main textarea, main input:not([type=radio]):not([type=checkbox]), main .option, main a');
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.height < 44 || box.width < 44) small.push(`${control.tagName.toLowerCase()} "${(control.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
    const root = document.documentElement;
    return { sideways: root.scrollWidth > root.clientWidth, small };
  });
}

async function activePath(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-path]')?.getAttribute('data-path') ?? null);
}

/** Working in court: the hearing form's navigator, "Now", quick notes, the phone layout, amendments and pinned comments. */
describe.runIf(chromiumAvailable())('the hearing form in court, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'courtobs', '--role', 'observer', '--name', 'Court Observer'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('navigates by section, jumps to the next unanswered question (required first), records "Now" and keeps a quick note after reload, one-handed at 360 px', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'courtobs', password);
    const reportId = await startHearing(page, 'KG-COURT-1');

    const overall = page.getByTestId('overall-progress');
    await expect.poll(() => overall.getAttribute('data-required-left')).toBe('2');
    expect(await overall.getAttribute('data-answered')).toBe('0');
    await page.getByRole('button', { name: 'Sections' }).click();
    expect(await page.getByTestId('counts-details').getAttribute('data-required-left')).toBe('1');
    expect(await page.getByTestId('counts-public_access').getAttribute('data-required-left')).toBe('1');
    expect(await page.getByTestId('counts-summary').getAttribute('data-required-left')).toBe('0');
    await page.locator('[data-section="summary"]').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('section-summary');

    // Required questions first, in form order; the focus lands in the answer.
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await expect.poll(() => activePath(page)).toBe('hearing_date');
    await page.locator('[data-path="hearing_date"]').getByRole('button', { name: 'Today' }).click();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(await page.getByLabel('Date of the hearing').inputValue()).toBe(today);
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await expect.poll(() => activePath(page)).toBe('monitors_admitted');
    await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('Yes', { exact: true }).check();
    await expect.poll(() => overall.getAttribute('data-required-left')).toBe('0');
    // Nothing required left: the optional ones, from the top, each press moving on.
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await expect.poll(() => activePath(page)).toBe('hearing_kind');
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await expect.poll(() => activePath(page)).toBe('courtroom');

    const before = await page.evaluate(() => Date.now());
    await page.locator('[data-path="actual_start"]').getByRole('button', { name: 'Now' }).click();
    const after = await page.evaluate(() => Date.now());
    const recorded = await page.getByLabel('Actual start').inputValue();
    const hhmm = (ms: number): Promise<string> => page.evaluate((t) => new Date(t).toTimeString().slice(0, 5), ms);
    expect([await hhmm(before), await hhmm(after)]).toContain(recorded);
    await expect.poll(() => overall.getAttribute('data-answered')).toBe('3');

    const notes = page.getByTestId('notes-details');
    await notes.getByRole('button', { name: 'Quick note' }).click();
    await notes.getByRole('textbox').fill('Judge came in 40 minutes late, no explanation.');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => notes.locator('li').count()).toBe(1);

    await page.getByRole('button', { name: /Add: Witnesses heard/ }).click();
    await page.getByLabel('Witness code (no names)').fill('W-7');
    await waitForSavedAnswer(page, reportId, 'actual_start', recorded);
    expect(await layoutProblems(page)).toEqual({ sideways: false, small: [] });

    await page.reload();
    await expect.poll(() => notes.locator('li').textContent(), { timeout: 20_000 }).toContain('Judge came in 40 minutes late, no explanation.');
    expect(await notes.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await page.getByLabel('Actual start').inputValue()).toBe(recorded);
    expect(await page.getByLabel('Witness code (no names)').inputValue()).toBe('W-7');

    await page.getByRole('link', { name: /KG-COURT-1/ }).click();
    await page.getByTestId('report-list').waitFor();
    expect(await layoutProblems(page)).toEqual({ sideways: false, small: [] });
    await context.close();
  });

  it('amends a sent report with a reason: version 2 with the reason reaches the coordinator; a pinned question shows beside its answer and is answered there', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const phone = await context.newPage();
    await signInAndSync(phone, server.url, 'courtobs', password);
    await startHearing(phone, 'KG-AMEND-1');
    await fillAndFinalise(phone, '2026-11-24');
    await expect.poll(() => reportState(phone), { timeout: 30_000 }).toBe('sent');
    const reportUrl = phone.url();

    const deskContext = await browser.newContext({ locale: 'en-GB' });
    const desk = await deskContext.newPage();
    await signInAsCoordinator(desk, server.url, server.admin.username, server.admin.password);
    await desk.getByRole('link', { name: 'Received reports' }).click();
    await desk.getByRole('link', { name: 'KG-AMEND-1' }).click();
    await desk.getByLabel('Comment or question for the observer').fill('Were all monitors admitted, or only some?');
    await desk.getByLabel('About').selectOption({ label: 'Were monitors admitted to the courtroom?' });
    await desk.getByRole('button', { name: 'Ask for clarification' }).click();
    await expect.poll(() => desk.getByTestId('review-status').textContent()).toBe('Needs clarification');

    await phone.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => reportState(phone), { timeout: 20_000 }).toBe('needs_clarification');
    expect(await phone.getByTestId('report-state').textContent()).toContain('Needs clarification: 1 question');
    const pinned = phone.locator('[data-path="monitors_admitted"]').getByTestId('pinned-comments');
    await expect.poll(() => pinned.getByText('Were all monitors admitted, or only some?').count()).toBe(1);
    await pinned.getByRole('button', { name: 'Reply' }).click();
    await pinned.getByLabel('Your reply').fill('Only two of the four.');
    await pinned.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => pinned.getByText('Only two of the four.').count()).toBe(1);

    await phone.getByRole('button', { name: 'Amend this report' }).click();
    await phone.getByRole('button', { name: 'Start amending' }).click();
    await expect.poll(() => phone.getByRole('alert').filter({ hasText: 'Give a reason' }).count()).toBe(1);
    await phone.getByLabel('Why are you amending it?').fill('Only some monitors were admitted.');
    await phone.getByRole('button', { name: 'Start amending' }).click();
    await expect.poll(() => phone.getByTestId('amend-reason').textContent()).toContain('Only some monitors were admitted.');
    await phone.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('Partly', { exact: true }).check();
    await phone.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => reportState(phone), { timeout: 30_000 }).toMatch(/^(sent|reviewed|needs_clarification)$/);
    const history = phone.getByTestId('version-history');
    await expect.poll(() => history.locator('[data-version="2"]').textContent(), { timeout: 20_000 }).toContain('Only some monitors were admitted.');
    expect(await history.locator('[data-version="1"]').count()).toBe(1);
    expect(phone.url()).toBe(reportUrl);

    await desk.reload();
    await expect.poll(() => desk.getByTestId('amendment-reason').textContent()).toContain('Only some monitors were admitted.');
    expect(await desk.getByText(/Version 2/).count()).toBeGreaterThan(0);
    await expect.poll(() => desk.getByTestId('review-panel').getByText('Only two of the four.').count()).toBe(1);
    await context.close();
    await deskContext.close();
  });
});
