// `npm run bench:coordinator`: the coordinator with 10,000 reports. Seeds an SQLite database through the
// real push path, then measures in Debian's Chromium the reports list and the findings matrix, and in Node
// the CSV and DOCX exports. Prints medians; nothing here passes or fails.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { writeCaseExport } from '../src/core/export/write-case-export.ts';
import type { Answers } from '../src/core/forms/answers.ts';
import { readStandards } from '../src/core/forms/standards.ts';
import { loadAccess } from '../src/server/auth/access.ts';
import { bootstrapEmptyDatabase } from '../src/server/bootstrap.ts';
import { connect } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { FormCache } from '../src/server/forms/form-cache.ts';
import { publishBuiltInForms } from '../src/server/forms/publish.ts';
import { loadCaseBundle } from '../src/server/domain/case-bundle.ts';
import { applyPush } from '../src/server/sync/push.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';

const REPORTS = 10_000;
const BIG_CASE = 1_000;
const CASES = 100;
const RUNS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(0)} ms`;

function answers(i: number): Answers {
  const closed = i % 3 === 0;
  return {
    hearing_date: date(i),
    monitors_admitted: closed ? 'no' : 'yes',
    ...(closed ? { monitors_admitted_details: `Bailiffs kept ${i % 7} people outside.` } : {}),
    summary_text: `Hearing ${i}: the court heard two witnesses.`,
    witness_rows: [
      { _row: `w${i}a`, witness_code: `W-${i}-1`, present_before_testifying: i % 4 === 0 ? 'yes' : 'no' },
      { _row: `w${i}b`, witness_code: `W-${i}-2` },
    ],
  };
}

function date(i: number): string {
  const day = new Date(Date.UTC(2025, 0, 1) + (i % 600) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function seed(dataDir: string): Promise<{ password: string; bigCase: string; typicalCase: string }> {
  const database = connect({ databaseUrl: undefined, dataDir });
  await migrateToLatest(database);
  await publishBuiltInForms(database.db, pathToFileURL(`${process.cwd()}/forms/`));
  const admin = await bootstrapEmptyDatabase(database.db);
  if (admin === undefined) throw new Error('expected an empty database');
  const user = await database.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const access = await loadAccess(database.db, user);
  const projectId = [...access.roles.keys()][0] ?? '';
  const forms = new FormCache();
  const deviceId = uuidv7();
  const caseIds = Array.from({ length: CASES }, () => uuidv7());
  let seq = 0;
  const started = performance.now();
  await applyPush(database.db, access, { protocol: 1, deviceId, mutations: caseIds.map((id, n) => ({ seq: ++seq, entity: 'case', id, baseVersion: 0, payload: { projectId, code: `BENCH-${n}`, court: 'Bench court' } })) }, forms);
  // The first case gets 1,000 reports (a long trial); the others share the rest.
  const caseOf = (i: number): string => (i < BIG_CASE ? (caseIds[0] ?? '') : (caseIds[1 + (i % (CASES - 1))] ?? ''));
  for (let i = 0; i < REPORTS; i += 100) {
    const mutations = Array.from({ length: 100 }, (_, k) => {
      const n = i + k;
      return { seq: ++seq, entity: 'report' as const, id: uuidv7(), baseVersion: 0, payload: { projectId, caseId: caseOf(n), formId: 'hearing', formVersion: 1, hearingDate: date(n), answers: answers(n) } };
    });
    await applyPush(database.db, access, { protocol: 1, deviceId, mutations }, forms);
  }
  console.log(`seeded ${REPORTS.toLocaleString('en')} reports in ${CASES} cases through the push path: ${ms(performance.now() - started)}`);
  const rights = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8'))).rights;
  const big = await loadCaseBundle(database.db, caseIds[0] ?? '');
  for (const format of ['csv', 'docx'] as const) {
    const times: number[] = [];
    let size = 0;
    for (let r = 0; r < 3; r += 1) {
      const t0 = performance.now();
      size = (await writeCaseExport(big, format, { language: 'en', codesOnly: true, includeInterviews: false, includeUnapproved: true }, rights, new Date())).length;
      times.push(performance.now() - t0);
    }
    console.log(`export ${format.toUpperCase()} of a case with ${big.reports.length.toLocaleString('en')} reports: median ${ms(median(times))} (${Math.round(size / 1024)} KiB)`);
  }
  await database.close();
  return { password: admin.password, bigCase: caseIds[0] ?? '', typicalCase: caseIds[1] ?? '' };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
  try {
    const seeded = await seed(dataDir);
    const server = await startServerProcess({ DATA_DIR: dataDir }, { password: seeded.password, keepDataDir: true });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(seeded.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForSelector('[data-testid="sync-bar"]');

      // Strings cannot be evaluated under the app's CSP (no unsafe-eval), so readiness is a selector and a count.
      const measure = async (path: string, selector: string, attribute?: { name: string; value: string }): Promise<number> => {
        await page.goto(`${server.url}/`);
        await page.waitForSelector('[data-testid="sync-bar"]');
        const t0 = await page.evaluate(() => performance.now());
        await page.evaluate((to) => {
          history.pushState(null, '', to);
          dispatchEvent(new PopStateEvent('popstate'));
        }, path);
        await page.waitForFunction(
          ({ selector: css, attribute: attr }) => {
            const element = document.querySelector(css);
            return element !== null && (attr === undefined || element.getAttribute(attr.name) === attr.value);
          },
          { selector, attribute },
          { polling: 'raf', timeout: 120_000 },
        );
        return (await page.evaluate(() => performance.now())) - t0;
      };

      const firstRows: number[] = [];
      const allRows: number[] = [];
      for (let r = 0; r < RUNS; r += 1) {
        firstRows.push(await measure('/coordinator', '[data-testid="received-reports"] tbody tr:nth-child(5)'));
        allRows.push(await measure('/coordinator', '[data-testid="received-reports"]', { name: 'aria-rowcount', value: String(REPORTS + 1) }));
      }
      console.log(`reports list (${REPORTS.toLocaleString('en')}): first rows median ${ms(median(firstRows))}, all ${REPORTS.toLocaleString('en')} loaded and windowed median ${ms(median(allRows))}`);

      for (const [label, id] of [
        ['a typical case (~92 reports)', seeded.typicalCase],
        [`the largest case (${BIG_CASE.toLocaleString('en')} reports)`, seeded.bigCase],
      ] as const) {
        const times: number[] = [];
        for (let r = 0; r < RUNS; r += 1) times.push(await measure(`/coordinator/cases/${id}`, '[data-testid="findings-matrix"] tbody tr'));
        console.log(`findings matrix of ${label}: median ${ms(median(times))} from navigation to the rendered matrix (fetch, findings, render)`);
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
