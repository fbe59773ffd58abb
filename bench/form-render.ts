// `npm run bench:form`: first render of the hearing form (195 items, 10 witness and 10 evidence rows) in
// Debian's Chromium, unthrottled and at 4x CPU throttling (QUALITY.md budget: 100 ms), and the cost of
// one keystroke in that form (the render and layout that follow an input event, before the next task).
// Prints medians.
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
  const measure = async (): Promise<number> => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="sync-bar"]');
    const t0 = await page.evaluate(() => performance.now());
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, reportPath);
    await page.waitForSelector('#item-summary_text');
    // The frame after the DOM is built is when the observer sees the form.
    return (await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))))) - t0;
  };
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times: number[] = [];
    for (let r = 0; r < RUNS; r += 1) times.push(await measure());
    console.log(`hearing form (${rows} repeat rows) first render, CPU ${rate}x: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
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
