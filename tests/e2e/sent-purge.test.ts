import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { signInAsCoordinator } from '../helpers/observer-page.ts';

/**
 * Issue 10 item 5 in Chromium: an observer sends a report with a word found nowhere else; eight days
 * later (the phone's clock moved on, the project keeps the default seven) the app, on its start, deletes
 * the report's contents. The raw IndexedDB record of the report no longer holds its ciphertext (the
 * bytes are compared, not the screen), the case page still shows the report as sent, and a question the
 * coordinator asks afterwards still reaches the phone and can be answered.
 */
const WORD = 'Zorvathine';
const DAY = 24 * 60 * 60 * 1000;

/** Every record of every store of the app's database, as each store keeps it: the `sealed` ciphertext in hex beside the plain index fields. */
function rawRecords(page: Page): Promise<{ store: string; id: unknown; sealed: string }[]> {
  return page.evaluate(async () => {
    const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const found: { store: string; id: unknown; sealed: string }[] = [];
    for (const info of await indexedDB.databases()) {
      if (info.name?.startsWith('trial-monitor-') !== true) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name ?? '');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const request = db.transaction(store).objectStore(store).getAll();
        const rows = await new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result as unknown[])));
        for (const row of rows) {
          const record = row as { id?: unknown; key?: unknown; seq?: unknown; sealed?: unknown };
          found.push({ store, id: record.id ?? record.key ?? record.seq, sealed: record.sealed instanceof Uint8Array ? hex(record.sealed) : '' });
        }
      }
      db.close();
    }
    return found;
  });
}

/** What the page shows, typed answers included (a read-only answer is a field's value, not text). */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => `${document.body.innerText} ${Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'), (e) => e.value).join(' ')}`);
}

describe.runIf(chromiumAvailable())('sent reports leave the phone, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    server = await startServerProcess();
    password = printedPassword(await server.adminCli('add-user', 'observer5', '--role', 'observer', '--name', 'Observer Five'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('deletes the ciphertext of a report sent eight days ago, shows it as sent, and still carries a question and its reply', async () => {
    const observerContext = await browser.newContext({ locale: 'en-GB' });
    const phone = await observerContext.newPage();
    const start = Date.now();
    await phone.clock.setFixedTime(start);
    await phone.goto(server.url);
    await phone.getByLabel('Username').fill('observer5');
    await phone.getByLabel('Password').fill(password);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => phone.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');

    await phone.getByRole('link', { name: 'Open a case' }).click();
    await phone.getByLabel('Case code').fill('KG-PURGE-1');
    await phone.getByRole('button', { name: 'Create' }).click();
    // The case's own address, once the app has gone there (reading the URL right after the tap got /cases/new).
    await phone.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = phone.url();
    await phone.getByRole('button', { name: 'Start' }).click();
    await phone.getByLabel('Date of the hearing').fill('2026-11-21');
    await phone.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
    await phone.getByLabel('Your neutral summary of the hearing').fill(`${WORD} stood at the door and turned monitors away.`);
    await phone.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => phone.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    const reportUrl = phone.url();
    const reportId = reportUrl.split('/').at(-1) ?? '';

    // Kept for now: the record is there with its ciphertext, and the report shows its answer.
    const before = (await rawRecords(phone)).find((r) => r.store === 'reports' && r.id === reportId);
    expect(before?.sealed.length).toBeGreaterThan(0);
    expect(await shownText(phone)).toContain(WORD);

    // Eight days on, the app starts again: the purge on start deletes the contents.
    await phone.clock.setFixedTime(start + 8 * DAY);
    await phone.goto(reportUrl);
    await expect.poll(() => phone.getByTestId('purged-note').count(), { timeout: 20_000 }).toBe(1);
    expect(await shownText(phone)).not.toContain(WORD);
    const after = await rawRecords(phone);
    const stub = after.find((r) => r.store === 'reports' && r.id === reportId);
    // The report's record holds a new, smaller ciphertext (what the case page needs), and no record anywhere holds the old one.
    expect(stub?.sealed.length).toBeGreaterThan(0);
    expect(stub?.sealed.length).toBeLessThan(before?.sealed.length ?? 0);
    expect(after.filter((r) => r.sealed === before?.sealed)).toEqual([]);
    // The case page still lists it on its hearing day, as sent.
    await phone.goto(caseUrl);
    const item = phone.getByTestId('report-list').locator('li[data-hearing-date="2026-11-21"]');
    await expect.poll(() => item.getByTestId('report-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('sent');
    await phone.goto(reportUrl);
    await expect.poll(() => phone.getByTestId('purged-note').count(), { timeout: 20_000 }).toBe(1);

    // The coordinator asks about the answer; the question reaches the phone, which can reply.
    const deskContext = await browser.newContext({ locale: 'en-GB' });
    const desk = await deskContext.newPage();
    await signInAsCoordinator(desk, server.url, server.admin.username, server.admin.password);
    await desk.getByRole('link', { name: 'Received reports' }).click();
    await desk.getByRole('link', { name: 'KG-PURGE-1' }).click();
    await desk.getByLabel('Comment or question for the observer').fill('Was it a bailiff or a police officer?');
    await desk.getByLabel('About').selectOption({ label: 'Were monitors admitted to the courtroom?' });
    await desk.getByRole('button', { name: 'Ask for clarification' }).click();
    await expect.poll(() => desk.getByTestId('review-status').textContent()).toBe('Needs clarification');

    await phone.getByRole('button', { name: 'Sync now' }).click();
    const thread = phone.getByTestId('review-thread');
    await expect.poll(() => thread.getByText('Was it a bailiff or a police officer?').count(), { timeout: 20_000 }).toBe(1);
    expect(await thread.getByText('About: Were monitors admitted to the courtroom?').count()).toBe(1);
    expect(await thread.getByText('(the answer was removed from this phone)').count()).toBe(1);
    await phone.getByLabel('Your reply').fill('A bailiff.');
    await phone.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => thread.getByText('A bailiff.').count()).toBe(1);
    // The reply leaves with the round that follows a write (1.5 s later) and the coordinator's page reads the
    // thread once as it loads: reloading it before the phone says the reply is sent read the thread without it.
    await expect.poll(() => thread.getByText('waiting to send').count(), { timeout: 30_000 }).toBe(0);
    await desk.reload();
    await expect.poll(() => desk.getByTestId('review-panel').getByText('A bailiff.').count(), { timeout: 30_000 }).toBe(1);
    // The words stayed deleted through the pull that brought the question.
    expect(await shownText(phone)).not.toContain(WORD);
    await observerContext.close();
    await deskContext.close();
  });
});
