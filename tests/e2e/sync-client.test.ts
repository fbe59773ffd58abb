import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { fillAndFinalise, reportState, signInAndSync, signInAsCoordinator, startHearing } from '../helpers/observer-page.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

interface ReportsList {
  readonly total: number;
  readonly reports: readonly { readonly id: string; readonly caseCode: string; readonly version: number }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The sync client against the real server process in Chromium: lost responses, two tabs, a server that goes away. */
describe.runIf(chromiumAvailable())('sync client in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let password: string;
  let deskPassword: string;
  // A fixed port and a data folder this test owns, so that the server can be stopped and started again.
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-e2e-sync-'));
  const keep = { password: 'not used: the coordinator below signs in', keepDataDir: true };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startServerProcess({ PORT: String(port), DATA_DIR: dataDir }, keep);
    password = printedPassword(await server.adminCli('add-user', 'syncobs', '--role', 'observer', '--name', 'Sync Observer'));
    deskPassword = printedPassword(await server.adminCli('add-user', 'syncdesk', '--role', 'coordinator', '--project', 'Default project', '--name', 'Sync Desk'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the coordinator's API says about the reports of one case. */
  const coordinatorView = async (caseCode: string): Promise<ReportsList['reports']> => {
    const context = await browser.newContext({ locale: 'en-GB' });
    try {
      const desk = await context.newPage();
      await signInAsCoordinator(desk, server.url, 'syncdesk', deskPassword);
      const list = (await (await desk.request.get(`${server.url}/api/reports?limit=1000`)).json()) as ReportsList;
      return list.reports.filter((r) => r.caseCode === caseCode);
    } finally {
      await context.close();
    }
  };

  // No service worker: these tests route the API in the page, and nothing here reloads offline.
  const observer = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    await signInAndSync(page, server.url, 'syncobs', password);
    return { context, page };
  };

  it('a push whose response is lost after the server committed is not stored twice', async () => {
    const { context, page } = await observer();
    await context.setOffline(true);
    await startHearing(page, 'KG-DROP-1');
    await fillAndFinalise(page);
    expect(await reportState(page)).toBe('waiting');

    const pushes: number[] = [];
    await context.route('**/api/sync/push', async (route) => {
      if (pushes.length === 0) {
        // Let the request reach the server and commit, then lose the answer on the way back.
        const response = await route.fetch();
        pushes.push(response.status());
        await route.abort('connectionreset');
      } else {
        pushes.push(0);
        await route.continue();
      }
    });
    await context.setOffline(false); // the app syncs on "online"
    await expect.poll(() => pushes.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(pushes[0]).toBe(200);
    // The app saw a network failure, keeps the report waiting and retries by itself (backoff).
    await expect.poll(() => reportState(page), { timeout: 60_000 }).toBe('sent');
    expect(pushes.length).toBeGreaterThanOrEqual(2);

    const stored = await coordinatorView('KG-DROP-1');
    expect(stored.map((r) => r.version)).toEqual([1]);
    await context.close();
  });

  it('one tab syncs at a time: a second tab does not push while the first is pushing', async () => {
    const { context, page } = await observer();
    const second = await context.newPage();
    await second.goto(server.url);
    await second.getByTestId('sync-bar').waitFor();
    await context.setOffline(true);
    await startHearing(page, 'KG-TABS-1');
    await fillAndFinalise(page);

    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let pushCount = 0;
    await context.route('**/api/sync/push', async (route) => {
      pushCount += 1;
      await held; // the first tab's push hangs until the second tab has tried
      await route.continue();
    });
    // Coming online wakes the sync loop of both tabs at once; one of them gets the lock and pushes.
    await context.setOffline(false);
    await expect.poll(() => pushCount, { timeout: 20_000 }).toBe(1);
    const phases = async (): Promise<(string | null)[]> => Promise.all([page, second].map((p) => p.getByTestId('sync-bar').getAttribute('data-phase')));
    await expect.poll(async () => (await phases()).includes('syncing'), { timeout: 20_000 }).toBe(true);
    // The other tab is asked to sync now, and must stand aside rather than push the same outbox again.
    const holder = (await phases())[0] === 'syncing' ? page : second;
    const idle = holder === page ? second : page;
    // The tab that sends counts the items (the case and the report) on a progress bar.
    await expect.poll(() => holder.getByTestId('sync-progress').textContent()).toContain('0/2');
    await idle.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => idle.getByTestId('sync-bar').getAttribute('data-phase'), { timeout: 20_000 }).toBe('other-tab');
    expect(pushCount).toBe(1);
    release();
    await expect.poll(() => reportState(page), { timeout: 30_000 }).toBe('sent');
    expect(pushCount).toBe(1);
    await context.close();
  });

  it('backs off while the server is down and sends by itself once it is back', async () => {
    const { context, page } = await observer();
    await startHearing(page, 'KG-DOWN-1');
    await server.stop();
    try {
      await fillAndFinalise(page);
      // A failed round shows the network failure and when the next try is, without anyone pressing anything.
      await expect.poll(() => page.getByTestId('sync-bar').getAttribute('data-phase'), { timeout: 30_000 }).toBe('offline');
      await expect.poll(() => page.getByTestId('sync-phase').textContent()).toContain('Next try at');
      expect(await reportState(page)).toBe('waiting');
    } finally {
      server = await startServerProcess({ PORT: String(port), DATA_DIR: dataDir }, keep);
    }
    await expect.poll(() => reportState(page), { timeout: 90_000 }).toBe('sent');
    expect((await coordinatorView('KG-DOWN-1')).map((r) => r.version)).toEqual([1]);
    await context.close();
  });
});
