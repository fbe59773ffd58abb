import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../helpers/browser.ts';
import { searchProfile } from '../helpers/profile-search.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { caseMutation, hearingAnswers, reportMutation } from '../helpers/test-server.ts';

/**
 * Issue 10 items 6 and 7 in Chromium, on a server started with APP_NAME=Notes: the title, the header and the
 * lock screen say Notes; in the dimmed theme no banner or button is lit; and a person who only coordinates
 * reads another observer's report on the coordinator screens while the browser stores none of it.
 */
const ANSWER = 'Vorqelstrand bruises on the wrists';
const CASE_CODE = 'KG-DISCREET-7';
const PASSPHRASE = 'four calm harbour lights';

/** Backgrounds of every visible banner, notice and button, with their relative luminance (WCAG 2). */
function litElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const channel = (c: number): number => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const lit: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, .button, .banner, .notice, [role="alert"], [role="status"], .badge')) {
      if (element.offsetParent === null) continue;
      const match = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(element).backgroundColor);
      if (match === null) continue;
      const [r, g, b, a] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
      if (a === 0) continue;
      const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      // 0.2 is about a mid grey: anything above it glows on a dark screen.
      if (luminance > 0.2) lit.push(`${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}" ${luminance.toFixed(2)}`);
    }
    return lit;
  });
}

/** The banner and notices the app shows now and then (an update, the storage offers), as their components write them. */
const OCCASIONAL_MARKUP = `<div id="occasional"><div class="banner" role="status"><span>A new version</span><button type="button" class="primary">Update now</button><button type="button">Later</button></div><div class="notice alert" role="alert"><p>Storage full</p><button type="button" class="primary">Save</button></div><div class="notice" role="status"><p>Keep the data</p><div class="actions"><button type="button" class="primary">Keep</button></div></div><span class="badge approved">Approved</span></div>`;

/** Counts the records of every report and case table in every IndexedDB database of the page's origin. */
function storedReportRecords(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let count = 0;
    for (const info of await indexedDB.databases()) {
      if (info.name === undefined) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name ?? '');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      for (const store of ['reports', 'cases', 'reviews', 'outbox']) {
        if (!db.objectStoreNames.contains(store)) continue;
        const request = db.transaction(store).objectStore(store).count();
        count += await new Promise<number>((resolve) => (request.onsuccess = () => resolve(request.result)));
      }
      db.close();
    }
    return count;
  });
}

describe.runIf(chromiumAvailable())('discretion and coordinators’ browsers in Chromium', () => {
  let server: ServerProcess;
  let coordinatorPassword: string;
  let profile: string;

  beforeAll(async () => {
    server = await startServerProcess({ APP_NAME: 'Notes' });
    const observerPassword = printedPassword(await server.adminCli('add-user', 'fieldobs', '--role', 'observer', '--name', 'Field Observer'));
    coordinatorPassword = printedPassword(await server.adminCli('add-user', 'deskcoord', '--role', 'coordinator', '--name', 'Desk Coordinator'));
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fieldobs', password: observerPassword }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const project = me.projects[0]?.id ?? '';
    const caseId = uuidv7();
    const push = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, project, caseId, CASE_CODE), reportMutation(2, project, caseId, uuidv7(), hearingAnswers({ summary_text: ANSWER }))] }),
    });
    expect(push.status).toBe(200);
    profile = mkdtempSync(join(tmpdir(), 'tm-coordinator-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  it('shows Notes, lights nothing in the dimmed theme, and keeps no report of a coordinator’s projects', async () => {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, locale: 'en-GB', colorScheme: 'dark' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      expect(await page.title()).toBe('Notes');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Notes');
      expect(await litElements(page)).toEqual([]);
      await page.getByLabel('Username').fill('deskcoord');
      await page.getByLabel('Password').fill(coordinatorPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel(/New passphrase/).fill(PASSPHRASE);
      await page.getByLabel('The same again').fill(PASSPHRASE);
      expect(await litElements(page)).toEqual([]);
      await page.getByRole('button', { name: 'Lock the app with it' }).click();

      // The coordinator screens: the received reports, then the report with the other observer's answer.
      await page.getByRole('link', { name: 'Received reports' }).click();
      await page.locator('main').getByRole('link', { name: CASE_CODE }).click();
      await expect.poll(() => page.getByText(ANSWER).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.locator('.app-header .brand').textContent()).toBe('Notes');
      await page.evaluate((markup) => document.body.insertAdjacentHTML('beforeend', markup), OCCASIONAL_MARKUP);
      expect(await litElements(page)).toEqual([]);
      await page.evaluate(() => document.getElementById('occasional')?.remove());
      await page.getByRole('link', { name: 'Review cases' }).click();
      await page.getByRole('link', { name: CASE_CODE }).first().click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(CASE_CODE);
      // Nothing of the project's work in the device database, not even encrypted.
      expect(await storedReportRecords(page)).toBe(0);

      await page.getByRole('button', { name: 'Lock now' }).click();
      await page.locator('.lock-screen').waitFor();
      expect(await page.locator('.lock-screen h1').textContent()).toBe('Notes');
      expect(await page.title()).toBe('Notes');
      expect(await litElements(page)).toEqual([]);
    } finally {
      await context.close();
    }
    expect(searchProfile(profile, [ANSWER.split(' ')[0] ?? ANSWER, CASE_CODE])).toEqual([]);
  });
});
