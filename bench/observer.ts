// `npm run bench:observer`: the observer's budgets from QUALITY.md, printed as figures (medians and p95):
//  1. JavaScript + CSS (gzip) that index.html loads before the first screen (budget 60 KB; lazy chunks excluded),
//     cross-checked against what Chromium actually fetched on a cold start;
//  2. offline cold start from the service-worker cache to an interactive case list, CPU throttled 4x (budget 600 ms);
//  3. one answer autosaved: input event to the IndexedDB transaction committed, p95 (budget 16 ms at 4x CPU).
// OBSERVER_SKIP_COLD=1 leaves out step 2 (for quick before/after runs of step 3).
// OBSERVER_PROFILE=<file.cpuprofile>: a CPU profile of step 3 at 4x (read it with bench/cpu-profile-summary.ts).
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../tests/helpers/browser.ts';
import { firstLoadAssets, gzipBytes, languageChunk } from '../tests/helpers/first-load.ts';
import { printedPassword, startServerProcess } from '../tests/helpers/server-process.ts';

const APP = 'dist/app';
const RUNS = 7;
const ANSWERS = 200;
const CASES = 30;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const percentile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? Number.NaN;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gzipSize = (path: string): number => gzipBytes(APP, path);

// index.html's files, and the English messages that main.tsx fetches before the first render (en-GB here).
const shell = [...firstLoadAssets(APP), languageChunk(APP, 'en')];
const shellBytes = shell.reduce((sum, path) => sum + gzipSize(path), 0);
console.log(`1. first-load JS + CSS, gzip: ${kb(shellBytes)} (budget 60 KB): ${shell.map((p) => `${p} ${kb(gzipSize(p))}`).join(', ')}`);

const server = await startServerProcess();
const browser = await launchChromium();
try {
  const password = printedPassword(await server.adminCli('add-user', 'bench', '--role', 'observer'));
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname.replace(/^\//, '');
    if (/\.(js|css)$/.test(path) && path !== 'sw.js') fetched.add(path);
  });
  await page.goto(server.url);
  await page.getByLabel('Username').fill('bench');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="last-sync"]')?.textContent ?? 'never').includes('never'));
  const beforeFirstScreen = [...fetched];
  const fetchedBytes = beforeFirstScreen.reduce((sum, path) => sum + gzipSize(path), 0);
  console.log(`   Chromium fetched before the case list: ${kb(fetchedBytes)} gzip in ${beforeFirstScreen.length} files`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  for (let i = 1; i <= CASES; i += 1) {
    await page.getByRole('link', { name: 'Open a case' }).click();
    await page.getByLabel('Case code').fill(`BENCH-${i}`);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: `BENCH-${i}` }).waitFor();
    if (i < CASES) await page.getByRole('link', { name: 'Cases', exact: true }).first().click();
  }
  await page.getByRole('button', { name: 'Start' }).click();
  // The report's address is known once its form is on screen (starting it writes the draft first).
  await page.getByLabel('Date of the hearing').waitFor();
  const reportPath = new URL(page.url()).pathname;
  await page.close();

  // 2. Offline cold start: a new page (fresh JavaScript heap) with no network, everything from the SW cache.
  await context.setOffline(true);
  const coldStart = async (): Promise<number> => {
    const cold = await context.newPage();
    const cdp = await context.newCDPSession(cold);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cold.goto(server.url, { waitUntil: 'commit' });
    await cold.waitForSelector('[data-testid="case-list"] li');
    // Interactive: the list is painted and the main thread is free to answer a tap (the next frame runs).
    const time = await cold.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
    await cold.close();
    return time;
  };
  if (process.env['OBSERVER_SKIP_COLD'] !== '1') await coldStartFigures();
  async function coldStartFigures(): Promise<void> {
  await coldStart(); // one warm-up: the first start also lets Chromium cache compiled code
  const starts: number[] = [];
  for (let r = 0; r < RUNS; r += 1) starts.push(await coldStart());
  console.log(`2. offline cold start to an interactive case list (${CASES} cases), CPU 4x: median ${median(starts).toFixed(0)} ms (budget 600 ms; runs ${starts.map((t) => t.toFixed(0)).join(', ')})`);
  }

  // 3. Autosave latency: one answer typed, until the IndexedDB transaction that stores it has committed.
  const form = await context.newPage();
  await form.goto(`${server.url}${reportPath}`);
  await form.waitForSelector('#item-summary_text');
  const cdp = await context.newCDPSession(form);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const profile = rate === 4 ? process.env['OBSERVER_PROFILE'] : undefined;
    if (profile !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const latencies = await form.evaluate(async (count) => {
      const committed: { text: string; at: number }[] = [];
      const proto = IDBObjectStore.prototype;
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with apply(this)
      const put = proto.put;
      // Records are encrypted (issue 10): a put to reports is matched to the answer typed last, not by its text.
      let typed = '';
      proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = put.apply(this, args);
        const summary = typed;
        if (this.name === 'reports') this.transaction.addEventListener('complete', () => committed.push({ text: summary, at: performance.now() }));
        return request;
      };
      const field = document.querySelector<HTMLTextAreaElement>('#item-summary_text');
      if (field === null) throw new Error('no summary field');
      const times: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const text = `answer ${i}`;
        const started = performance.now();
        typed = text;
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        while (!committed.some((c) => c.text === text)) await new Promise((resolve) => setTimeout(resolve, 0));
        times.push((committed.find((c) => c.text === text)?.at ?? Number.NaN) - started);
      }
      proto.put = put;
      return times;
    }, ANSWERS);
    if (profile !== undefined) {
      const { profile: taken } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(taken));
    }
    console.log(`3. autosave of one answer, CPU ${rate}x: p95 ${percentile(latencies, 95).toFixed(1)} ms, median ${median(latencies).toFixed(1)} ms over ${ANSWERS} answers (budget p95 16 ms at 4x)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
