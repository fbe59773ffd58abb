import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { caseMutation, hearingAnswers, reportMutation } from '../helpers/test-server.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** The coordinator's register of a case's people, and the codes-only export it drives (issue 13, part 4). */
describe.runIf(chromiumAvailable())("the case's register of people, in Chromium", () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    const password = printedPassword(await server.adminCli('add-user', 'regobserver', '--role', 'observer', '--name', 'Observer Hidden-Name'));
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'regobserver', password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const caseId = uuidv7();
    const answers = hearingAnswers({ summary_text: 'Подсудимому Петрову не дали слова; Petrov protested.' });
    const push = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, me.projects[0]?.id ?? '', caseId, 'PETROV-7'), reportMutation(2, me.projects[0]?.id ?? '', caseId, uuidv7(), answers)] }),
    });
    expect(push.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses «Ли» alone with the reason, keeps a full name, and the codes-only CSV and its file name carry the code instead', async () => {
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill(server.admin.username);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Review cases' }).click();
    await page.getByRole('link', { name: 'PETROV-7' }).click();
    // Codes only with an empty register: the export panel says what that leaves in, and links the register.
    await expect.poll(() => page.getByTestId('no-register').count()).toBe(1);
    await page.getByRole('link', { name: 'People in this case (register)' }).click();
    await expect.poll(() => page.getByText('Nobody is registered yet.').count()).toBe(1);

    await page.getByLabel('Code').fill('W1');
    await page.getByLabel('Name as it may appear in reports').fill('Ли');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByTestId('register-status').textContent()).toContain('too short or too common');
    expect(await page.getByTestId('case-register').count()).toBe(0);

    await page.getByLabel('Code').fill('d1');
    await page.getByLabel('Role').selectOption('defendant');
    await page.getByLabel('Name as it may appear in reports').fill('Петров Андрей');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByTestId('case-register').getByRole('row').nth(1).textContent()).toBe('D1DefendantПетров АндрейChangeRemove');
    await page.getByLabel('Code').fill('W1');
    await page.getByLabel('Role').selectOption('witness');
    await page.getByLabel('Name as it may appear in reports').fill('Ли Мин');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByTestId('case-register').getByRole('row').nth(2).textContent()).toContain('Ли Мин (replaced only beside the rest of the name: Ли, Мин)');

    await page.getByRole('link', { name: '← Case', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('PETROV-7');
    expect(await page.getByTestId('no-register').count()).toBe(0);
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: /CSV/ }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('D1-7.csv.zip');
    const files = unzipSync(readFileSync((await download.path()) ?? ''));
    const all = Object.entries(files).map(([name, bytes]) => `${name}\n${strFromU8(bytes)}`).join('\n');
    expect(all).toContain('Подсудимому D1 не дали слова; D1 protested.');
    expect(all.toLowerCase()).not.toMatch(/петров|petrov|hidden-name/);
    await context.close();
  });
});
