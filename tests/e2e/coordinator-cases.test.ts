import type { Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { caseMutation, reportMutation } from '../helpers/test-server.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * A coordinator opens a case whose code an observer's offline case already has; the list marks both,
 * and merging the observer's into it moves its report (issue 13 part 5). The received-reports list
 * names the form and its review state.
 */
describe.runIf(chromiumAvailable())('coordinator opens and merges cases in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    const password = printedPassword(await server.adminCli('add-user', 'observer3', '--role', 'observer', '--name', 'Observer Three'));
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'observer3', password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const project = me.projects[0]?.id ?? '';
    const caseId = uuidv7();
    const push = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, project, caseId, 'KG-TWIN'), reportMutation(2, project, caseId)] }),
    });
    expect(push.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a case, sees both cases of the code marked, merges them, and reads the received reports', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill(server.admin.username);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Review cases' }).click();

    await page.getByText('Open a case').click();
    const form = page.getByTestId('open-case');
    await form.getByLabel('Case', { exact: true }).fill('kg-twin');
    await form.getByLabel('Court', { exact: true }).fill('Regional court');
    await form.getByRole('button', { name: 'Open the case' }).click();
    await page.waitForURL(/\/coordinator\/cases\/[0-9a-f-]{36}$/);
    // The case page loaded (a read the audit log keeps apart).
    await page.getByText('Regional court', { exact: false }).first().waitFor();

    await page.goto(`${server.url}/coordinator/cases`);
    const table = page.getByTestId('coordinator-cases');
    await expect.poll(() => table.getByTestId('duplicate-code').count()).toBe(2);
    // The observer's case (with its report) is the older row: merge it into the one just opened.
    page.once('dialog', (dialog) => void dialog.accept());
    await table.getByTestId('merge-control').nth(1).getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 report(s) moved');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.getByTestId('duplicate-code').count()).toBe(0);
    expect(await table.locator('tbody tr td').nth(1).textContent()).toBe('Regional court');

    await page.goto(`${server.url}/coordinator`);
    const received = page.getByTestId('received-reports');
    await expect.poll(() => received.locator('tbody tr').first().textContent()).toContain('Hearing observation');
    expect(await received.getByTestId('review-state').first().textContent()).toBe('Received');

    // The audit log says it in sentences with links, and leaves out the case-page reads unless asked.
    await page.goto(`${server.url}/coordinator/audit`);
    const log = page.getByTestId('audit-log');
    await expect.poll(() => log.getByText('merged case KG-TWIN into', { exact: false }).count()).toBe(1);
    expect(await log.getByRole('link', { name: 'kg-twin' }).count()).toBeGreaterThan(0);
    expect(await log.getByText('read case', { exact: false }).count()).toBe(0);
    await page.getByTestId('audit-kind').selectOption('reads');
    await expect.poll(() => log.getByText('read case', { exact: false }).count()).toBeGreaterThan(0);

    // The thematic view draws with uPlot (a canvas), names each right in its legend, and flags a month of one hearing.
    await page.goto(`${server.url}/coordinator/themes`);
    await page.getByTestId('theme-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('theme-legend').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('few-hearings').textContent()).toContain('2026-11');
  });
});
