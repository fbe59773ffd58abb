// `npm run bench:server-push`: 1,000 final hearing reports pushed to the real server process on SQLite
// over HTTP, against inserting the same rows straight into SQLite (QUALITY.md budget: within 4x).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { canonicalJson } from '../src/core/canonical-json.ts';
import { MAX_MUTATIONS_PER_PUSH } from '../src/core/sync/protocol.ts';
import { connect } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { publishBuiltInForms } from '../src/server/forms/publish.ts';
import { hearingDate, hearingReportAnswers, HttpDevice } from '../tests/helpers/http-device.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';
import { cpuSeconds, median, ms, seedObservers, serverNodeArgs } from './server-bench-kit.ts';

const REPORTS = 1_000;
const RUNS = Number(process.env['RUNS'] ?? '5');
const FORMS = pathToFileURL(`${process.cwd()}/forms/`);

/** A fresh SQLite database as a first start leaves it, with one observer and one case. */
async function freshDatabase(): Promise<{ dataDir: string; projectId: string; observerId: string; cookie: string; adminPassword: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-push-'));
  const database = connect({ databaseUrl: undefined, dataDir });
  await migrateToLatest(database);
  await publishBuiltInForms(database.db, FORMS);
  const { projectId, adminPassword, observers } = await seedObservers(database.db, 1);
  await database.close();
  const observer = observers[0];
  if (observer === undefined) throw new Error('no observer');
  return { dataDir, projectId, observerId: observer.id, cookie: observer.cookie, adminPassword };
}

interface Timing {
  readonly ms: number;
  /** CPU time of the process doing the work (the server; for the baseline, this process). */
  readonly cpuMs: number;
}

/** Through the API: the real process, HTTP, validation, form checks, findings, change log. */
async function viaHttp(): Promise<Timing> {
  const seeded = await freshDatabase();
  const server = await startServerProcess({ DATA_DIR: seeded.dataDir }, { password: seeded.adminPassword, keepDataDir: false }, serverNodeArgs());
  try {
    const device = new HttpDevice(() => server.url, seeded.cookie);
    const caseId = uuidv7();
    device.enqueue({ entity: 'case', id: caseId, baseVersion: 0, payload: { projectId: seeded.projectId, code: 'BENCH-1', court: 'City court' } });
    await device.drain(1, { maxFailures: 0 });
    for (let i = 0; i < REPORTS; i += 1) {
      device.enqueue({ entity: 'report', id: uuidv7(), baseVersion: 0, payload: { projectId: seeded.projectId, caseId, formId: 'hearing', formVersion: 1, hearingDate: hearingDate(i), answers: hearingReportAnswers(i) } });
    }
    const cpu0 = cpuSeconds(server.pid);
    const t0 = performance.now();
    await device.drain(MAX_MUTATIONS_PER_PUSH, { maxFailures: 0 });
    return { ms: performance.now() - t0, cpuMs: (cpuSeconds(server.pid) - cpu0) * 1000 };
  } finally {
    await server.stop();
  }
}

/** The baseline: the same report, version and change-log rows inserted with Kysely in transactions of the same size. */
async function straightIntoSqlite(): Promise<Timing> {
  const seeded = await freshDatabase();
  const database = connect({ databaseUrl: undefined, dataDir: seeded.dataDir });
  try {
    const { db } = database;
    const caseId = uuidv7();
    const deviceId = uuidv7();
    const now = new Date().toISOString();
    await db.insertInto('cases').values({ id: caseId, project_id: seeded.projectId, code: 'BENCH-1', court: 'City court', version: 1, created_by: seeded.observerId, created_at: now, updated_at: now }).execute();
    await db.insertInto('devices').values({ id: deviceId, user_id: seeded.observerId, last_seq: 0, created_at: now, last_sync_at: null }).execute();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let start = 0; start < REPORTS; start += MAX_MUTATIONS_PER_PUSH) {
      const batch = Array.from({ length: Math.min(MAX_MUTATIONS_PER_PUSH, REPORTS - start) }, (_, k) => ({ id: uuidv7(), i: start + k }));
      await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        await trx.insertInto('reports').values(batch.map(({ id, i }) => ({ id, project_id: seeded.projectId, case_id: caseId, form_id: 'hearing', form_version: 1, author_id: seeded.observerId, hearing_date: hearingDate(i), version: 1, received_at: at, updated_at: at }))).execute();
        await trx
          .insertInto('report_versions')
          .values(
            batch.map(({ id, i }) => {
              const answers = canonicalJson(hearingReportAnswers(i));
              return { report_id: id, version: 1, content_hash: createHash('sha256').update(answers).digest('hex'), answers, reason: null, conflict: 0, device_id: deviceId, created_at: at };
            }),
          )
          .execute();
        const { value: last } = await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', batch.length) })).where('name', '=', 'changes').returning('value').executeTakeFirstOrThrow();
        await trx.insertInto('changes').values(batch.map(({ id }, k) => ({ position: last - batch.length + 1 + k, project_id: seeded.projectId, entity: 'report' as const, entity_id: id, owner_id: seeded.observerId, created_at: at }))).execute();
        await trx.updateTable('devices').set({ last_seq: start + batch.length, last_sync_at: at }).where('id', '=', deviceId).execute();
      });
    }
    const cpu = process.cpuUsage(cpu0);
    return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await database.close();
    rmSync(seeded.dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const httpTimes: Timing[] = [];
  const directTimes: Timing[] = [];
  // Alternate the two so that a noisy neighbour slows both alike.
  for (let run = 0; run < RUNS; run += 1) {
    directTimes.push(await straightIntoSqlite());
    httpTimes.push(await viaHttp());
    const [d, h] = [directTimes.at(-1), httpTimes.at(-1)];
    console.log(`run ${run + 1}/${RUNS}: straight into SQLite ${ms(d?.ms ?? 0)} (CPU ${ms(d?.cpuMs ?? 0)}), through the API ${ms(h?.ms ?? 0)} (server CPU ${ms(h?.cpuMs ?? 0)})`);
  }
  const http = httpTimes.map((t) => t.ms);
  const direct = directTimes.map((t) => t.ms);
  const ratio = median(http) / median(direct);
  const cpuRatio = median(httpTimes.map((t) => t.cpuMs)) / median(directTimes.map((t) => t.cpuMs));
  console.log(`\npush ${REPORTS.toLocaleString('en')} final hearing reports (batches of ${MAX_MUTATIONS_PER_PUSH}), median of ${RUNS}:`);
  console.log(`  straight into SQLite: ${ms(median(direct))}`);
  console.log(`  through the HTTP API: ${ms(median(http))} (${Math.round((REPORTS / median(http)) * 1000)} reports/s)`);
  console.log(`  ratio ${ratio.toFixed(2)}x (budget: within 4x) ${ratio <= 4 ? 'OK' : 'OVER BUDGET'}`);
  // CPU time moves less than wall time when other work shares the machine.
  console.log(`  CPU: server ${ms(median(httpTimes.map((t) => t.cpuMs)))}, straight into SQLite ${ms(median(directTimes.map((t) => t.cpuMs)))}, ratio ${cpuRatio.toFixed(2)}x`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
