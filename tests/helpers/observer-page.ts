import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Signs in through the app's form and waits for the first sync, as the observer sees it. */
export async function signInAndSync(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('last-sync').textContent(), { timeout: 30_000 }).not.toContain('never');
}

/**
 * Signs in a person who only coordinates (or administers): their browser does not sync (docs/security.md,
 * "Coordinators' browsers keep no reports"), so this waits for the coordinator screens instead.
 */
export async function signInAsCoordinator(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Received reports' }).waitFor({ timeout: 30_000 });
}

/** Opens a case from the case list and starts a hearing report on it; returns the report's id. */
export async function startHearing(page: Page, caseCode: string, court?: string): Promise<string> {
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Case code').fill(caseCode);
  if (court !== undefined) await page.getByLabel('Court and city').fill(court);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(caseCode);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Date of the hearing').waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

/** The smallest valid hearing: a date and "monitors admitted"; then finalise and see it queued. */
export async function fillAndFinalise(page: Page, hearingDate = '2026-11-20'): Promise<void> {
  await page.getByLabel('Date of the hearing').fill(hearingDate);
  await page.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Finalise and send' }).click();
  await expect.poll(() => page.getByTestId('report-state').getAttribute('data-state'), { timeout: 15_000 }).not.toBe('draft');
}

export function reportState(page: Page): Promise<string | null> {
  return page.getByTestId('report-state').getAttribute('data-state');
}

/**
 * Types into the field a new row has just focused ("Add" opens the new row at its first field), once that
 * field has focus, as a person does after seeing it: typing right after the tap, before the row is drawn,
 * would send the first keys to the button (the row then got "1" for "L1").
 */
export async function typeInNewRow(page: Page, text: string): Promise<void> {
  await page.waitForFunction(() => {
    const field = document.activeElement;
    return field instanceof HTMLInputElement && field.type === 'text' && field.value === '';
  });
  await page.keyboard.type(text);
}
