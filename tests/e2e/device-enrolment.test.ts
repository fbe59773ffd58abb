import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/** Issue 5: a coordinator enrols a fresh phone with a code; the phone syncs with its token alone; revoke; wipe. */
describe.runIf(chromiumAvailable())('device enrolment, revocation and wipe in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    await server.adminCli('add-user', 'enrolee', '--role', 'observer', '--name', 'Enrolled Observer');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const deviceRow = (desk: Page) => desk.getByTestId('devices').locator('tbody tr').filter({ hasText: 'enrolee' });

  it('enrols a phone with a code, syncs a report, shows the revocation, then wipes everything on command', async () => {
    const deskContext = await browser.newContext({ locale: 'en-GB' });
    const desk = await deskContext.newPage();
    desk.on('dialog', (dialog) => void dialog.accept());
    await desk.goto(server.url);
    await desk.getByLabel('Username').fill(server.admin.username);
    await desk.getByLabel('Password').fill(server.admin.password);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByRole('link', { name: 'People and devices' }).click();
    await desk.getByLabel('Enrol a device for').selectOption({ label: 'enrolee' });
    await desk.getByRole('button', { name: 'Issue an enrolment code' }).click();
    const code = (await desk.getByTestId('enrolment-code').textContent()) ?? '';
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await desk.getByRole('img', { name: 'QR code with the enrolment link' }).count()).toBe(1);
    const link = (await desk.getByTestId('enrolment-link').textContent()) ?? '';
    expect(link).toBe(`${server.url}/enrol#code=${code}`);
    // No PUBLIC_URL and a loopback address: the coordinator is told that no phone can open this link.
    expect(await desk.getByTestId('enrolment-link-warning').textContent()).toContain('a phone cannot open it');
    expect(await axeViolations(desk)).toEqual([]);

    // A fresh browser opens the QR code's link: the code is filled in, one press enrols it.
    const phoneContext = await browser.newContext({ locale: 'en-GB' });
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    await expect.poll(() => phone.getByLabel('Enrolment code').inputValue()).toBe(code);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Enrol', exact: true }).click();
    await expect.poll(() => phone.getByTestId('last-sync').textContent(), { timeout: 20_000 }).not.toContain('never');
    expect(new URL(phone.url()).hash).toBe('');
    // No session cookie: the device token alone carries this phone.
    expect((await phoneContext.cookies()).filter((c) => c.name === 'tm_session')).toEqual([]);

    await phone.getByRole('link', { name: 'Open a case' }).click();
    await phone.getByLabel('Case code').fill('KG-ENROL-1');
    await phone.getByRole('button', { name: 'Create' }).click();
    await phone.getByRole('button', { name: 'Start' }).click();
    await phone.getByLabel('Date of the hearing').fill('2026-11-22');
    await phone.getByRole('group', { name: /Were monitors admitted/ }).getByLabel('No', { exact: true }).check();
    await phone.getByRole('button', { name: 'Finalise and send' }).click();
    await expect.poll(() => phone.getByTestId('report-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');

    await desk.getByRole('link', { name: 'Received reports' }).click();
    await expect.poll(() => desk.getByRole('link', { name: 'KG-ENROL-1' }).count(), { timeout: 20_000 }).toBe(1);

    // Revoke: the phone's next sync says so clearly.
    await desk.getByRole('link', { name: 'People and devices' }).click();
    await expect.poll(() => deviceRow(desk).getAttribute('data-state')).toBe('active');
    await deviceRow(desk).getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => deviceRow(desk).getAttribute('data-state')).toBe('revoked');
    await phone.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => phone.getByTestId('sync-bar').getAttribute('data-phase'), { timeout: 20_000 }).toBe('revoked');
    expect(await phone.getByTestId('sync-bar').textContent()).toContain('This device was revoked by your coordinator');

    // Wipe: delivered on the next sync even though the device is revoked; everything the app kept goes.
    const userDb = await phone.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('trial-monitor-')));
    expect(userDb).toHaveLength(1);
    expect(await phone.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
    await deviceRow(desk).getByRole('button', { name: 'Wipe' }).click();
    await expect.poll(() => deviceRow(desk).getAttribute('data-state')).toBe('wipe_pending');
    await phone.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Sign in' }).count(), { timeout: 20_000 }).toBe(1);

    const left = await phone.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      // The app's small settings store may be opened again (empty) by the sign-in screen; count what it holds.
      const keyvalEntries = names.includes('keyval-store')
        ? await new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('keyval-store');
            open.onerror = () => reject(new Error(open.error?.message ?? "cannot open keyval-store"));
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('keyval')) return resolve(0);
              const count = db.transaction('keyval').objectStore('keyval').count();
              count.onsuccess = () => resolve(count.result);
            };
          })
        : 0;
      // The wipe unregisters the service worker; the page it reloads into installs a fresh one, which caches the
      // app's own files again, as on a first visit. Nothing else may be cached.
      let cachedRequests = 0;
      for (const key of await caches.keys()) cachedRequests += (await (await caches.open(key)).keys()).filter((r) => !/\/(assets\/[^/]+|index\.html|manifest\.webmanifest|[\w-]+\.(png|svg|ico))(\?.*)?$/.test(new URL(r.url).pathname + new URL(r.url).search)).length;
      return { names: names.filter((n) => n !== 'keyval-store'), keyvalEntries, cachedRequests, local: localStorage.length, session: sessionStorage.length };
    });
    expect(left).toEqual({ names: [], keyvalEntries: 0, cachedRequests: 0, local: 0, session: 0 });

    await desk.reload();
    await expect.poll(() => deviceRow(desk).getAttribute('data-state'), { timeout: 20_000 }).toBe('wiped');
    expect(await axeViolations(desk)).toEqual([]);
    await desk.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => desk.getByTestId('audit-log').getByText('confirm its wipe', { exact: false }).count(), { timeout: 20_000 }).toBe(1);
    expect(await axeViolations(desk)).toEqual([]);
    await phoneContext.close();
    await deskContext.close();
  });
});
