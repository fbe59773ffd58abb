/**
 * Sealed projects (issue 11) benchmarks, figures for docs/quality.md; not timed tests. Run alone:
 * `npx tsx bench/sealed.ts`.
 * 1. Sealing one hearing report on the device: the product's sealReport bundled into a page of Debian's
 *    Chromium, at 1x and 4x CPU throttling (target under 20 ms at 4x).
 * 2. Push throughput, sealed against open: 1,000 hearing reports pushed in batches of 100 to the real
 *    app on SQLite (Fastify inject: validation, checks, hashing, inserts, change log), the boxes made
 *    before the clock starts (the phone seals, not the server). The ratio is what matters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { exportPublicJwk, generateKeyPair, keyId } from '../src/core/seal/keys.ts';
import { sealReport } from '../src/core/seal/sealed-report.ts';
import type { SealCrypto } from '../src/core/seal/web-crypto.ts';
import type { PushResponse, ReportFields } from '../src/core/sync/protocol.ts';
import { buildApp } from '../src/server/app.ts';
import { SESSION_COOKIE, createSession } from '../src/server/auth/sessions.ts';
import { connect } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { publishBuiltInForms } from '../src/server/forms/publish.ts';
import { addMember, createProject } from '../src/server/users.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/browser.ts';
import { hearingReportAnswers } from '../tests/helpers/http-device.ts';

const REPORTS = 1_000;
const RUNS = Number(process.env['RUNS'] ?? '5');
const crypto: SealCrypto = globalThis.crypto;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function sealingInChromium(): Promise<void> {
  const bundled = await build({ entryPoints: ['bench/sealed-entry.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022' });
  const script = bundled.outputFiles[0]?.text ?? '';
  const server = createServer((_req, res) => res.end('<!doctype html><title>bench</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.addScriptTag({ content: script });
  const cdp = await page.context().newCDPSession(page);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    // Warm-up, then the measured runs (a string: tsx would wrap a function in a __name() the page lacks).
    await page.evaluate('timeSealing(5)');
    const times = await page.evaluate<number[]>('timeSealing(41)');
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`CPU x${rate}: sealing one hearing report median ${median(times).toFixed(1)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]?.toFixed(1)} ms (n=${times.length})`);
  }
  await browser.close();
  server.close();
}

async function pushOnce(sealed: boolean): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-sealed-'));
  const database = connect({ databaseUrl: undefined, dataDir });
  try {
    await migrateToLatest(database);
    await publishBuiltInForms(database.db, pathToFileURL(`${process.cwd()}/forms/`));
    const projectId = await createProject(database.db, 'Bench');
    const userId = uuidv7();
    await database.db.insertInto('users').values({ id: userId, username: 'bench', display_name: 'Bench', password_hash: 'x', is_admin: 0, created_at: new Date().toISOString(), disabled_at: null }).execute();
    await addMember(database.db, projectId, userId, 'observer');
    const cookie = `${SESSION_COOKIE}=${await createSession(database.db, userId)}`;
    const pair = await generateKeyPair(crypto);
    const publicKey = await exportPublicJwk(crypto, pair.publicKey);
    const key = { kid: await keyId(crypto, publicKey), publicKey };
    if (sealed) {
      await database.db.insertInto('project_seals').values({ project_id: projectId, public_key: JSON.stringify(publicKey), kid: key.kid, sealed_at: new Date().toISOString(), sealed_by: userId }).execute();
    }
    const app = await buildApp({ database });
    const deviceId = uuidv7();
    const caseId = uuidv7();
    const push = async (mutations: readonly object[]): Promise<PushResponse> => {
      const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie }, payload: { protocol: 1, deviceId, mutations } });
      if (response.statusCode !== 200) throw new Error(response.body);
      return response.json<PushResponse>();
    };
    await push([{ seq: 1, entity: 'case', id: caseId, baseVersion: 0, payload: { projectId, code: 'B-1', court: 'City court' } }]);
    const mutations: object[] = [];
    for (let i = 0; i < REPORTS; i += 1) {
      const id = uuidv7();
      const fields: ReportFields = { projectId, caseId, formId: 'hearing', formVersion: 1, hearingDate: '2026-11-20', answers: hearingReportAnswers(i) };
      mutations.push({ seq: i + 2, entity: 'report', id, baseVersion: 0, payload: sealed ? await sealReport(crypto, key, id, 0, fields) : fields });
    }
    const start = performance.now();
    for (let i = 0; i < mutations.length; i += 100) {
      const answer = await push(mutations.slice(i, i + 100));
      if (answer.results.some((r) => r.status !== 'applied')) throw new Error(JSON.stringify(answer.results.find((r) => r.status !== 'applied')));
    }
    const elapsed = performance.now() - start;
    await app.close();
    return elapsed;
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await sealingInChromium();
const open: number[] = [];
const sealedTimes: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  // Alternated, so that a neighbour's load on the shared machine falls on both.
  open.push(await pushOnce(false));
  sealedTimes.push(await pushOnce(true));
}
const o = median(open);
const s = median(sealedTimes);
console.log(`push ${REPORTS} reports in batches of 100 (SQLite, in-process app): open median ${o.toFixed(0)} ms (${((REPORTS / o) * 1000).toFixed(0)}/s), sealed median ${s.toFixed(0)} ms (${((REPORTS / s) * 1000).toFixed(0)}/s), sealed/open ${(s / o).toFixed(2)} (runs: ${RUNS})`);
