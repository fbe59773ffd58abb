// `npm run bench:form`: opening the hearing form (195 items, 10 witness and 10 evidence rows) by navigating
// inside the app, in Debian's Chromium, unthrottled and at 4x CPU throttling (QUALITY.md budget: ready to
// use within 100 ms; the figure to read is the first question on screen, the whole form built is printed
// beside it), and the cost of
// one keystroke in that form (the render and layout that follow an input event, before the next task).
// Prints medians. FORM_PROFILE=<folder>: one more navigation at 4x recorded as a Chromium trace
// (<folder>/form-render.trace.json, for DevTools' Performance panel), with the main thread's top costs printed.
import { join } from 'node:path';
import { functionSelfTimes, functionTotalTimes, mainThreadSelfTimes, printTop, profileOf, traceOf } from './chromium-trace.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { printedPassword, startServerProcess } from '../tests/helpers/server-process.ts';

const RUNS = 7;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const server = await startServerProcess();
const browser = await launchChromium();
try {
  const password = printedPassword(await server.adminCli('add-user', 'bench', '--role', 'observer'));
  const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await page.goto(server.url);
  await page.getByLabel('Username').fill('bench');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="last-sync"]')?.textContent ?? 'never').includes('never'));
  await page.getByRole('link', { name: 'Open a case' }).click();
  await page.getByLabel('Case code').fill('BENCH-1');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  for (const repeat of ['Witnesses heard', 'Evidence items']) {
    for (let i = 0; i < 10; i += 1) await page.getByRole('button', { name: new RegExp(`Add: ${repeat}`) }).click();
  }
  const reportPath = new URL(page.url()).pathname;
  const rows = await page.locator('.repeat-row').count();

  const cdp = await page.context().newCDPSession(page);
  // The case list, settled: its sync round done (no request for 500 ms) and the page idle, as when an observer
  // taps a report. Navigating while the list still loads would time the list's own work too.
  const home = async (): Promise<void> => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="sync-bar"]');
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  };
  // In-app navigation to the report, then once a frame (before that frame is painted) whether its first
  // question (the hearing date, in the first section) and its last (the summary, in the last section) are
  // in the page: "ready to use" is the first, "the whole form built" the second.
  // Written as a string: tsx would wrap the named frame callback in a helper the page does not have.
  const navigation = `new Promise((resolve) => {
    const t0 = performance.now();
    let first = Number.NaN;
    // performance.now(), not the frame's timestamp: that is when the frame was begun, which a busy main thread delays running.
    const frame = () => {
      const now = performance.now();
      if (Number.isNaN(first) && document.getElementById('item-hearing_date') !== null) first = now - t0;
      if (!Number.isNaN(first) && document.getElementById('item-summary_text') !== null) {
        resolve({ first, whole: now - t0, elements: document.querySelectorAll('.form-view *').length });
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    history.pushState(null, '', ${JSON.stringify(reportPath)});
    dispatchEvent(new PopStateEvent('popstate'));
  })`;
  const navigate = (): Promise<{ first: number; whole: number; elements: number }> => page.evaluate(navigation);
  const measure = async (): Promise<{ first: number; whole: number; elements: number }> => {
    await home();
    return navigate();
  };
  const runs = (values: readonly number[]): string => values.map((t) => t.toFixed(0)).join(', ');
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times: { first: number; whole: number; elements: number }[] = [];
    for (let r = 0; r < RUNS; r += 1) times.push(await measure());
    const first = times.map((t) => t.first);
    const whole = times.map((t) => t.whole);
    console.log(`hearing form (${rows} repeat rows) ready to use (first question on screen), CPU ${rate}x: median ${median(first).toFixed(0)} ms (runs: ${runs(first)})`);
    console.log(`hearing form (${rows} repeat rows) whole form built (last question on screen), CPU ${rate}x: median ${median(whole).toFixed(0)} ms (runs: ${runs(whole)}; ${times[0]?.elements ?? 0} elements in the form)`);
  }
  const profiles = process.env['FORM_PROFILE'];
  if (profiles !== undefined) {
    await home();
    let took = { first: 0, whole: 0 };
    const events = await traceOf(cdp, async () => {
      took = await navigate();
    }, join(profiles, 'form-render.trace.json'));
    console.log(`\ntraced navigation at 4x: first question ${took.first.toFixed(0)} ms, whole form ${took.whole.toFixed(0)} ms`);
    printTop('main thread, self time per trace event', mainThreadSelfTimes(events));
    await home();
    const profile = await profileOf(cdp, async () => {
      took = await navigate();
    }, join(profiles, 'form-render.cpuprofile'));
    console.log(`\nprofiled navigation at 4x: first question ${took.first.toFixed(0)} ms, whole form ${took.whole.toFixed(0)} ms`);
    printTop('JavaScript, self time per function', functionSelfTimes(profile), 25);
    printTop('JavaScript, total time per function (with what it called)', functionTotalTimes(profile), 40);
  }
  // One keystroke: an input event on a field, then the work it causes up to the next task (Preact renders
  // in a microtask), with a forced layout so that re-rendered DOM is counted too.
  const keystroke = (selector: string, text: string): Promise<number> =>
    page.evaluate(
      async ({ selector: target, text: value }) => {
        const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(target);
        if (field === null) throw new Error(`no ${target}`);
        const t0 = performance.now();
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
        if (document.body.offsetHeight < 0) throw new Error("unreachable: reading offsetHeight forces layout");
        return performance.now() - t0;
      },
      { selector, text },
    );
  await page.goto(`${server.url}${reportPath}`);
  await page.waitForSelector('#item-summary_text');
  const lastWitness = await page.locator('[data-repeat="witness_rows"] input[type="text"]').last().getAttribute('id');
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (const [name, selector] of [['summary (top level)', '#item-summary_text'], ['last witness row', `[id="${lastWitness ?? ''}"]`]] as const) {
      const times: number[] = [];
      for (let k = 0; k < 25; k += 1) times.push(await keystroke(selector, `typed ${k}`.repeat(1 + (k % 3))));
      console.log(`one keystroke in ${name}, CPU ${rate}x: median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
