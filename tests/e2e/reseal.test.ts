import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signInAsCoordinator } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { caseMutation, hearingAnswers, reportMutation } from '../helpers/test-server.ts';

/** Issue 11 part 5: reports stored readable before sealing are encrypted from the sealing screen, with progress, and stay so after a reload. */
describe.runIf(chromiumAvailable())('encrypting stored readable reports in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'dana', '--role', 'coordinator', '--project', 'Default project'));
    const observer = printedPassword(await server.adminCli('add-user', 'erlan', '--role', 'observer', '--project', 'Default project'));
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'erlan', password: observer }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const projectId = me.projects[0]?.id ?? '';
    const caseId = uuidv7();
    const mutations = [caseMutation(1, projectId, caseId, 'RESEAL-1'), reportMutation(2, projectId, caseId, uuidv7(), hearingAnswers({ summary_text: 'Stored before sealing.' })), reportMutation(3, projectId, caseId, uuidv7())];
    const push = await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations }) });
    expect(push.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const sealingScreen = async (): Promise<Page> => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInAsCoordinator(page, server.url, 'dana', password);
    await page.goto(`${server.url}/coordinator/sealing`);
    await page.getByTestId('sealing-screen').waitFor();
    return page;
  };

  it('seals the project, then encrypts its two readable versions and shows them encrypted after a reload', async () => {
    const page = await sealingScreen();
    await page.getByTestId('personal-passphrase').fill('dana quiet harbour lamp');
    await page.getByTestId('personal-passphrase-again').fill('dana quiet harbour lamp');
    await page.getByTestId('personal-create').click();
    await page.getByTestId('seal-button').click();
    await page.getByTestId('recovery-step').waitFor({ timeout: 30_000 });
    await page.getByTestId('ack-code').check();
    await page.getByTestId('ack-file').check();
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('sealing-unlocked').waitFor();

    await expect.poll(() => page.getByTestId('reseal-button').textContent(), { timeout: 30_000 }).toBe('Encrypt the 2 readable version(s)');
    await page.getByTestId('reseal-button').click();
    await expect.poll(() => page.getByTestId('reseal-done').textContent(), { timeout: 30_000 }).toBe('All 2 stored report versions are encrypted: the server keeps no readable copy.');

    // A reload forgets the key; unlocked again, the panel reads what is left from the server: nothing.
    await page.reload();
    await page.getByTestId('unlock-passphrase').fill('dana quiet harbour lamp');
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('sealing-unlocked').waitFor({ timeout: 30_000 });
    await page.getByTestId('reseal-done').waitFor({ timeout: 30_000 });
  });
});
