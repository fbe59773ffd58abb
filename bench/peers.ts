// `npm run bench:peers`: the same generated 150-question form (bench/peers/generated-form.ts) in Trial
// Monitor, a plain Preact page with no storage (the limit) and Enketo (enketo-core from the npm registry),
// each served and opened in Debian's Chromium at 1x and 4x CPU (CDP Emulation.setCPUThrottlingRate).
// Prints, as medians of PEER_ROUNDS rounds (default 3) taken side by side in one run, and as ratios to the
// plain page: bytes (gzip of the documents, scripts, styles and fonts the page fetched), first question
// visible (navigation start to the frame after the first question is shown), click-to-paint (a tap on
// "No" until the frame that shows its follow-up; for Trial Monitor also until its autosave committed)
// and the JavaScript heap after a garbage collection.
// Trial Monitor is measured as an observer uses it: signed in, a draft of the form open, service worker warm.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../tests/helpers/browser.ts';
import { printedPassword, startServerProcess } from '../tests/helpers/server-process.ts';
import { enketoForm, FIRST, peerSections, questionCount, trialMonitorForm } from './peers/generated-form.ts';

const ROUNDS = Number(process.env['PEER_ROUNDS'] ?? 3);
const RATES = [1, 4] as const;
const PEERS_DIR = resolve('bench/peers');
const ENKETO_DIR = join(PEERS_DIR, 'enketo');
const MONOREPO = '/packages/enketo-core/node_modules/';
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const sections = peerSections();
const work = mkdtempSync(join(tmpdir(), 'tm-peers-'));

/** Enketo is installed on first use into bench/peers/enketo (its own package.json), never into the app. */
function installEnketo(): void {
  if (existsSync(join(ENKETO_DIR, 'node_modules', 'enketo-core'))) return;
  console.log('installing enketo-core into bench/peers/enketo (first run only) ...');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ENKETO_DIR, stdio: 'inherit' });
}

async function buildPage(root: string, outDir: string, define: Record<string, string>, enketo: boolean): Promise<void> {
  const enketoCore = join(ENKETO_DIR, 'node_modules', 'enketo-core');
  await build({
    root,
    configFile: false,
    logLevel: 'error',
    define,
    plugins: enketo ? [] : [preact()],
    // enketo-core's package.json maps these through the "browser" field, which Vite reads only for packages.
    resolve: enketo
      ? {
          alias: {
            'enketo/config': join(enketoCore, 'config.js'),
            'enketo/widgets': join(enketoCore, 'src/js/widgets.js'),
            'enketo/translator': join(enketoCore, 'src/js/fake-translator.js'),
            'enketo/dialog': join(enketoCore, 'src/js/fake-dialog.js'),
            'enketo/file-manager': join(enketoCore, 'src/js/file-manager.js'),
            'enketo/xpath-evaluator-binding': join(enketoCore, 'src/js/xpath-evaluator-binding.js'),
          },
        }
      : {},
    css: {
      preprocessorOptions: {
        scss: {
          quietDeps: true,
          silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'mixed-decls', 'slash-div'],
          // enketo-core's styles import from the path of its own monorepo: point it at this install.
          importers: [{ findFileUrl: (url: string) => (url.startsWith(MONOREPO) ? pathToFileURL(join(ENKETO_DIR, 'node_modules', url.slice(MONOREPO.length))) : null) }],
        },
      },
    },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}

interface Peer {
  readonly name: string;
  readonly context: BrowserContext;
  readonly url: string;
  readonly first: string;
  readonly no: string;
  readonly yes: string;
  readonly followUp: string;
  /** Trial Monitor only: also wait for the IndexedDB transaction that stores the answer. */
  readonly autosave: boolean;
}

interface Round {
  bytes: number;
  first: number;
  click: number;
  clickSaved: number;
  heap: number;
}

// Before any page script: note the frame in which the first question is shown (its requestAnimationFrame
// runs just before that frame is painted). A string, not a function:
// tsx would wrap the function's inner arrows in a helper that does not exist in the page.
const firstQuestionProbe = (selector: string): string => `{
  // Checked once a frame (a MutationObserver that forced style on every change cost the pages 30-60 ms).
  const tick = () => {
    const element = document.querySelector(${JSON.stringify(selector)});
    if (element !== null && element.checkVisibility()) window.__firstQuestion = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

async function measure(peer: Peer, rate: number): Promise<Round> {
  const page: Page = await peer.context.newPage();
  const cdp = await peer.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(firstQuestionProbe(peer.first));
  page.on('pageerror', (error) => console.error(`${peer.name}: ${error.message}`));
  const bodies: Promise<number>[] = [];
  page.on('response', (response) => {
    if (!['document', 'script', 'stylesheet', 'font'].includes(response.request().resourceType())) return;
    bodies.push(response.body().then((b) => gzipSync(b).length, () => 0));
  });
  await page.goto(peer.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstQuestion?: number }).__firstQuestion !== undefined, null, { timeout: 60_000 }).catch((error: unknown) => {
    throw new Error(`${peer.name}: the first question was not shown in 60 s`, { cause: error });
  });
  const first = await page.evaluate(() => (window as unknown as { __firstQuestion: number }).__firstQuestion);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000); // idle work after the first paint (Trial Monitor's sync, Enketo's widgets)
  const tap = (withSave: boolean): Promise<number> =>
    page.evaluate(
      async ({ no, followUp, withSave: save }) => {
        let saved = !save;
        const proto = IDBObjectStore.prototype;
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with apply(this)
        const put = proto.put;
        proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          const request = put.apply(this, args);
          if (this.name === 'reports') this.transaction.addEventListener('complete', () => (saved = true));
          return request;
        };
        const radio = document.querySelector<HTMLInputElement>(no);
        if (radio === null) throw new Error(`no ${no}`);
        const t0 = performance.now();
        radio.click();
        for (;;) {
          // The frame after the one the tap caused: by then it has been painted (no named helpers here: see above).
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const shown = document.querySelector(followUp)?.checkVisibility() ?? false;
          if (shown && saved) break;
          if (performance.now() - t0 > 10_000) throw new Error(`${followUp} not shown 10 s after the tap`);
        }
        proto.put = put;
        return performance.now() - t0;
      },
      { no: peer.no, followUp: peer.followUp, withSave },
    );
  const reset = async (): Promise<void> => {
    await page.locator(peer.yes).check();
    await page.waitForTimeout(600); // Trial Monitor saves the Yes, so the next round starts with the follow-up hidden
  };
  const click = await tap(false);
  await reset();
  const clickSaved = peer.autosave ? await tap(true) : click;
  if (peer.autosave) await reset();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  await page.close();
  return { bytes, first, click, clickSaved, heap: usedSize };
}

/**
 * PEER_PROFILE=<folder>: a CPU profile of one load of each peer at 4x up to the first question, written as
 * <folder>/<peer>.cpuprofile (open it in Chromium's DevTools, Performance panel) and summed up here as the
 * top self times (minified names: dist/app/assets/*.map tells which source they are).
 */
async function profileLoad(peer: Peer, folder: string): Promise<void> {
  const page = await peer.context.newPage();
  const cdp = await peer.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(firstQuestionProbe(peer.first));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(peer.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstQuestion?: number }).__firstQuestion !== undefined, null, { timeout: 60_000 });
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  writeFileSync(join(folder, `${peer.name.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (frame === undefined) return;
    const key = `${frame.functionName === '' ? '(anonymous)' : frame.functionName} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nprofile of ${peer.name}, one load at 4x to the first question (${total.toFixed(0)} ms sampled); top self times:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
}

installEnketo();
const plainOut = join(work, 'plain');
const enketoOut = join(work, 'enketo');
await buildPage(join(PEERS_DIR, 'plain'), plainOut, { __PEER_SECTIONS__: JSON.stringify(sections) }, false);
await buildPage(ENKETO_DIR, enketoOut, { __ENKETO_FORM__: JSON.stringify(enketoForm(sections)) }, true);

// Trial Monitor's forms folder: the built-in forms and the generated one.
const formsDir = join(work, 'forms');
cpSync('forms', formsDir, { recursive: true });
writeFileSync(join(formsDir, 'peer-bench.json'), JSON.stringify(trialMonitorForm(sections), null, 2));

const tm = await startServerProcess({ FORMS_DIR: formsDir });
const plain = await serve(plainOut);
const enketo = await serve(enketoOut);
const browser = await launchChromium();
try {
  const password = printedPassword(await tm.adminCli('add-user', 'bench', '--role', 'observer'));
  const viewport = { width: 360, height: 740 };
  const tmContext = await browser.newContext({ locale: 'en-GB', viewport });
  const setup = await tmContext.newPage();
  await setup.goto(tm.url);
  await setup.getByLabel('Username').fill('bench');
  await setup.getByLabel('Password').fill(password);
  await setup.getByRole('button', { name: 'Sign in' }).click();
  await setup.waitForFunction(() => !(document.querySelector('[data-testid="last-sync"]')?.textContent ?? 'never').includes('never'));
  await setup.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await setup.getByRole('link', { name: 'Open a case' }).click();
  await setup.getByLabel('Case code').fill('PEERS-1');
  await setup.getByRole('button', { name: 'Create' }).click();
  await setup.locator('#form-choice').selectOption('peer-bench');
  await setup.getByRole('button', { name: 'Start' }).click();
  await setup.locator(`input[name="item-${FIRST.id}"]`).first().waitFor();
  const reportUrl = setup.url();
  await setup.close();

  const followUp = FIRST.followUp?.id ?? '';
  const enketoName = `/data/s1/${FIRST.id}`;
  const peers: Peer[] = [
    { name: 'plain Preact page', context: await browser.newContext({ viewport }), url: plain.url, first: `input[name="item-${FIRST.id}"]`, no: `input[name="item-${FIRST.id}"][value="no"]`, yes: `input[name="item-${FIRST.id}"][value="yes"]`, followUp: `#item-${followUp}`, autosave: false },
    { name: 'Trial Monitor', context: tmContext, url: reportUrl, first: `input[name="item-${FIRST.id}"]`, no: `input[name="item-${FIRST.id}"][value="no"]`, yes: `input[name="item-${FIRST.id}"][value="yes"]`, followUp: `#item-${followUp}`, autosave: true },
    { name: 'Enketo', context: await browser.newContext({ viewport }), url: enketo.url, first: `input[name="${enketoName}"]`, no: `input[name="${enketoName}"][value="no"]`, yes: `input[name="${enketoName}"][value="yes"]`, followUp: `textarea[name="/data/s1/${followUp}"]`, autosave: false },
  ];
  for (const peer of peers) await measure(peer, 1); // warm-up: compiled code cached, the SW started
  const profiles = process.env['PEER_PROFILE'];
  if (profiles !== undefined) {
    mkdirSync(profiles, { recursive: true });
    for (const peer of peers) await profileLoad(peer, profiles);
  }
  console.log(`bench:peers: one generated form of ${questionCount(sections)} questions, ${ROUNDS} rounds side by side; medians, ratio to the plain page in brackets`);
  for (const rate of RATES) {
    const rounds = new Map<string, Round[]>(peers.map((p) => [p.name, []]));
    for (let r = 0; r < ROUNDS; r += 1) for (const peer of peers) rounds.get(peer.name)?.push(await measure(peer, rate));
    const med = (name: string, key: keyof Round): number => median((rounds.get(name) ?? []).map((x) => x[key]));
    const base = (key: keyof Round): number => med('plain Preact page', key);
    const cell = (name: string, key: keyof Round, unit: (v: number) => string): string => `${unit(med(name, key))} (${(med(name, key) / base(key)).toFixed(2)}x)`;
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    console.log(`\nCPU ${rate}x`);
    for (const peer of peers) {
      const saved = peer.autosave ? `, with autosave committed ${cell(peer.name, 'clickSaved', ms)}` : '';
      console.log(
        `  ${peer.name.padEnd(18)} bytes ${cell(peer.name, 'bytes', (v) => `${(v / 1024).toFixed(1)} KB`)}; first question ${cell(peer.name, 'first', ms)} (runs ${(rounds.get(peer.name) ?? []).map((x) => x.first.toFixed(0)).join(', ')}); click-to-paint ${cell(peer.name, 'click', ms)}${saved}; heap ${cell(peer.name, 'heap', (v) => `${(v / 1048576).toFixed(1)} MB`)}`,
      );
    }
  }
} finally {
  await browser.close();
  await tm.stop();
  plain.server.close();
  enketo.server.close();
  rmSync(work, { recursive: true, force: true });
}
