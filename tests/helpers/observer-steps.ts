import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Signs in through the real form and waits for the first sync (the checklists arrive with it). */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('last-sync').textContent(), { timeout: 30_000 }).not.toContain('never');
}

/** Opens a case and starts a hearing report on it; returns the report's id (the last part of the URL). */
export async function startHearingReport(page: Page, caseCode: string): Promise<string> {
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Case code').fill(caseCode);
  await page.getByLabel('Court and city').fill('Bishkek city court');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(caseCode);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Date of the hearing').waitFor();
  return page.url().split('/').pop() ?? '';
}
