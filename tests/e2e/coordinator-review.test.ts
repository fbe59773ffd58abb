import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { caseMutation, hearingAnswers, reportMutation } from '../helpers/test-server.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Signs in over HTTP and returns the session cookie, for seeding data as an observer would send it. */
async function signInCookie(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe.runIf(chromiumAvailable())('coordinator review and exports in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    const password = printedPassword(await server.adminCli('add-user', 'observer2', '--role', 'observer', '--name', 'Observer Secret-Name'));
    const cookie = await signInCookie(server.url, 'observer2', password);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const project = me.projects[0]?.id ?? '';
    const caseId = uuidv7();
    const push = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        protocol: 1,
        deviceId: uuidv7(),
        mutations: [
          caseMutation(1, project, caseId, 'KG-REVIEW-1'),
          reportMutation(2, project, caseId, uuidv7(), hearingAnswers({ monitors_admitted: 'no', monitors_admitted_details: 'The door was locked.' })),
        ],
      }),
    });
    expect(push.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the case, reads the finding behind a matrix cell, dismisses it, assesses the right, and exports', async () => {
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill(server.admin.username);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Review cases' }).click();
    await page.getByRole('link', { name: 'KG-REVIEW-1' }).click();

    const matrix = page.getByTestId('findings-matrix');
    await matrix.getByRole('button').first().click();
    const panel = page.getByTestId('finding-panel');
    await expect.poll(() => panel.getByText('The door was locked.').count()).toBe(1);
    const caseTotal = async () => Number(await page.getByTestId('case-total').textContent());
    const before = await caseTotal();
    await panel.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect.poll(() => panel.getByText('Dismissed').count()).toBeGreaterThan(0);
    // A dismissed finding counts nowhere; reopened, it counts again (and the thematic view below sees it).
    await expect.poll(caseTotal).toBe(before - 1);
    await panel.getByRole('button', { name: 'Reopen' }).first().click();
    await expect.poll(caseTotal).toBe(before);

    const assessment = page.getByRole('textbox', { name: /Assessment of this right: ICCPR 14\(1\)/ });
    await assessment.fill('Monitors were excluded without a stated legal ground.');
    await assessment.locator('xpath=ancestor::form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Word report (DOCX)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('KG-REVIEW-1.docx');
    const xml = strFromU8(unzipSync(readFileSync((await download.path()) ?? ''))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('KG-REVIEW-1');
    expect(xml).toContain('Monitors were excluded without a stated legal ground.');
    // Codes only is the default: the observer's name stays out of the document.
    expect(xml).not.toContain('Secret-Name');
    expect(await page.getByTestId('export-status').textContent()).toContain('KG-REVIEW-1.docx');

    await page.getByRole('link', { name: 'Print or save as PDF' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Trial monitoring report');
    expect(await page.getByRole('heading', { name: 'Annex: all answers' }).count()).toBe(1);
    // Approved reports only by default: this one is not reviewed yet. Asked for, in Russian, it is there, marked.
    expect(await page.getByText('The door was locked.').count()).toBe(0);
    await page.goto(page.url().replace('lang=en', 'lang=ru').replace('unapproved=0', 'unapproved=1'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Отчёт о мониторинге судебного процесса');
    const printed = (await page.locator('main').textContent()) ?? '';
    expect(printed).toContain('«The door was locked.»');
    expect(printed).toContain('(не утверждён)');
    expect(printed).toContain('МПГПП, ст. 14(1)');
    for (const english of ['ICCPR', 'Findings by right', 'Severity', 'not approved', 'received']) expect(printed).not.toContain(english);

    await page.goto(`${server.url}/coordinator/cases`);
    await page.getByRole('link', { name: 'Rights over time' }).click();
    const themes = page.getByTestId('themes-table');
    // One hearing observed, monitors kept out: 100 % of hearings raise the public-hearing right.
    await expect.poll(() => themes.getByRole('row', { name: /ICCPR 14\(1\)/ }).textContent()).toContain('100% (1)');
    expect(await page.getByRole('img', { name: /Share of observed hearings/ }).count()).toBe(1);

    // Publishing a new checklist version: a broken file is refused with the place of each fault, then v5 goes out (hearing.json is v4).
    await page.goto(`${server.url}/coordinator/cases`);
    await page.getByRole('link', { name: 'Checklists' }).click();
    const hearing = JSON.parse(readFileSync('forms/hearing.json', 'utf8')) as Record<string, unknown>;
    const file = page.getByLabel(/Publish a new version/);
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...hearing, version: 5, level: 'nonsense' })) });
    await expect.poll(() => page.getByTestId('publish-result').textContent()).toContain('/level');
    await file.setInputFiles({ name: 'hearing@5.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...hearing, version: 5 })) });
    await expect.poll(() => page.getByTestId('publish-result').textContent()).toContain('hearing@5: published');
    await expect.poll(() => page.getByTestId('published-forms').getByRole('row', { name: /hearing 5/ }).count()).toBe(1);
    await context.close();
  });
});
