import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { signIn } from '../helpers/http-device.ts';
import { printedPassword, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { caseMutation, hearingAnswers, reportMutation } from '../helpers/test-server.ts';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * SECURITY.md: a strict Content-Security-Policy (no inline script or style, no eval). The built app is
 * served by the real server with its helmet policy; Chromium reports every violation as a
 * securitypolicyviolation event and a console error. Loading the observer's and the coordinator's
 * screens must produce neither.
 */
describe.runIf(chromiumAvailable())('the built app under the Content-Security-Policy', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    const password = printedPassword(await server.adminCli('add-user', 'csp-observer', '--role', 'observer'));
    const cookie = await signIn(server.url, 'csp-observer', password);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
    const project = me.projects[0]?.id ?? '';
    const caseId = uuidv7();
    const push = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, project, caseId, 'KG-CSP-1'), reportMutation(2, project, caseId, uuidv7(), hearingAnswers({ monitors_admitted: 'no', monitors_admitted_details: 'The door was locked.' }))] }),
    });
    expect(push.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const watch = async (page: Page): Promise<string[]> => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|unsafe-eval|unsafe-inline/i.test(message.text())) consoleErrors.push(message.text());
    });
    // Installed by the browser before any page script; page code cannot remove it.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    return consoleErrors;
  };
  const violations = (page: Page): Promise<string[]> => page.evaluate(() => window.__cspViolations ?? []);

  it('serves the policy, and the observer and coordinator screens load with no violation', async () => {
    const shell = await fetch(server.url);
    const policy = shell.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    // On a loaded machine the coordinator's lazy chunks can take long: wait for them, however slow.
    page.setDefaultTimeout(240_000);
    const consoleErrors = await watch(page);
    await page.goto(server.url);
    await page.getByLabel('Username').fill(server.admin.username);
    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // An administrator who only coordinates has no sync bar (their browser does not sync): the header is the sign.
    await page.waitForSelector('.app-header');
    expect(await violations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Review cases' }).click();
    await page.getByRole('link', { name: 'KG-CSP-1' }).click();
    await page.getByTestId('findings-matrix').waitFor();
    expect(await violations(page)).toEqual([]);

    // A fresh load of a coordinator route, so its lazy chunks and styles come in under the policy too.
    await page.goto(`${server.url}/coordinator`);
    await page.getByRole('link', { name: 'KG-CSP-1' }).waitFor();
    expect(await violations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The watcher itself works: an image from another origin is a violation it reports.
    await page.evaluate(() => {
      const probe = document.createElement('img');
      probe.src = 'https://probe.invalid/x.png';
      document.body.append(probe);
    });
    await expect.poll(() => violations(page)).toEqual([expect.stringContaining('img-src https://probe.invalid/x.png')]);
    await context.close();
  }, 600_000);
});
