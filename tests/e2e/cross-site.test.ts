import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

/**
 * Issue 12, security item 2, as the attacker did it: a page on another origin of the same site (here the
 * same host on another port; in production a sibling subdomain) auto-submits an `enctype="text/plain"`
 * form that orders a wipe and sends a `no-cors` fetch that revokes a phone. The coordinator is signed
 * in, and SameSite=Strict does not stop the cookie between same-site origins. Neither order may happen.
 */
describe.runIf(chromiumAvailable())('cross-site requests in Chromium', () => {
  let server: ServerProcess;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Browser;
  const devices: string[] = [];

  /** The coordinator's API session from Node, to set the scene (as the app's own screens would). */
  const call = async (cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> =>
    fetch(`${server.url}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    server = await startServerProcess();
    await server.adminCli('add-user', 'target', '--role', 'observer', '--name', 'Target Observer');
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.admin.password }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await call(cookie, 'GET', '/api/me')).json()) as { projects: { id: string }[] };
    const projectId = me.projects[0]?.id ?? '';
    const people = (await (await call(cookie, 'GET', `/api/projects/${projectId}/people`)).json()) as { people: { id: string; username: string }[] };
    const userId = people.people.find((p) => p.username === 'target')?.id ?? '';
    for (let i = 0; i < 2; i += 1) {
      const issued = (await (await call(cookie, 'POST', `/api/projects/${projectId}/enrolment-codes`, { userId })).json()) as { code: string };
      const enrolled = (await (await fetch(`${server.url}/api/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: issued.code }) })).json()) as { deviceId: string };
      devices.push(enrolled.deviceId);
    }
    const [wipeTarget, revokeTarget] = devices;
    // The attacker's page: no script of the real server, just what any page on a sibling origin may do.
    const page = `<!doctype html><html><head><title>cat pictures</title></head><body>
<form id="order" method="post" enctype="text/plain" action="${server.url}/api/devices/${wipeTarget ?? ''}/wipe"><input name='{"x":"' value='"}'></form>
<script>
fetch(${JSON.stringify(`${server.url}/api/devices/${revokeTarget ?? ''}/revoke`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' })
  .catch(() => undefined)
  .then(() => { document.title = 'fetched'; document.getElementById('order').submit(); });
</script></body></html>`;
    attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const address = attacker.address();
    attackerUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await server?.stop();
  });

  it('neither wipes nor revokes when a page on another origin of the site posts with the coordinator signed in', async () => {
    expect(new URL(attackerUrl).origin).not.toBe(new URL(server.url).origin);
    const context = await browser.newContext({ locale: 'en-GB' });
    const signedIn = await context.request.post(`${server.url}/api/auth/sign-in`, { data: { username: 'admin', password: server.admin.password } });
    expect(signedIn.status()).toBe(200);
    expect((await context.cookies(server.url)).map((c) => c.name)).toContain('tm_session');

    const page = await context.newPage();
    const answers: { url: string; status: number }[] = [];
    page.on('response', (response) => answers.push({ url: response.url(), status: response.status() }));
    const formAnswered = page.waitForResponse((response) => response.url().endsWith('/wipe'));
    await page.goto(attackerUrl);
    await formAnswered;

    const database = new SqliteDatabase(join(server.dataDir, 'trial-monitor.sqlite'), { readonly: true });
    try {
      const [wipeTarget, revokeTarget] = devices;
      expect(database.prepare('select revoked_at from devices where id = ?').get(revokeTarget)).toEqual({ revoked_at: null });
      expect(database.prepare('select count(*) as n from device_commands where device_id = ?').get(wipeTarget)).toEqual({ n: 0 });
      expect(database.prepare("select count(*) as n from audit_log where action in ('device.revoked', 'device.wipe_ordered')").get()).toEqual({ n: 0 });
    } finally {
      database.close();
    }
    // The browser did carry the session cookie to the server: only the server's own check stopped it.
    expect(answers.filter((a) => a.url.startsWith(server.url)).map((a) => a.status)).toEqual([403]);
    await context.close();
  });
});
