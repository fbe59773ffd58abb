// `npm run bench:server-devices`: 200 simulated devices sync (push one report, then pull) against one
// server process on SQLite and, when TEST_DATABASE_URL is set, against two server processes on one
// PostgreSQL database (the devices split between them). QUALITY.md budget: >= 1,000 requests/s per
// process, p99 <= 50 ms, zero errors (on 2 cores; the devices run on the same machine). It also prints
// the servers' CPU time per request, the figure that a busy neighbour on the machine moves least.
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import type { PullResponse } from '../src/core/sync/protocol.ts';
import type { Engine } from '../src/server/db/connect.ts';
import { publishBuiltInForms } from '../src/server/forms/publish.ts';
import { createTestDb } from '../tests/helpers/databases.ts';
import { hearingDate, hearingReportAnswers } from '../tests/helpers/http-device.ts';
import { postgresUrlInSchema, startServerProcess, type ServerProcess } from '../tests/helpers/server-process.ts';
import { cpuSeconds, median, ms, percentile, seedObservers, serverNodeArgs } from './server-bench-kit.ts';

const DEVICES = Number(process.env['DEVICES'] ?? '200');
const ROUNDS = Number(process.env['ROUNDS'] ?? '10');
const OBSERVERS = 20;
const POSTGRES_PROCESSES = Number(process.env['POSTGRES_PROCESSES'] ?? '2');

interface Figures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly processes: number;
  /** CPU seconds the server processes used under the load, all together. */
  readonly serverCpu: number;
  /** CPU seconds this process (the 200 simulated devices) used: it shares the two cores with the servers. */
  readonly clientCpu: number;
  readonly latencies: number[];
  /** 'first push': each device's first request (its case), which also opens its connection. */
  readonly byKind: Record<'first push' | 'push' | 'first pull' | 'pull', number[]>;
}

async function run(engine: Engine): Promise<Figures> {
  const database = await createTestDb(engine);
  try {
    await publishBuiltInForms(database.db, pathToFileURL(`${process.cwd()}/forms/`));
    const { projectId, adminPassword, observers } = await seedObservers(database.db, OBSERVERS);
    const env = engine === 'sqlite' ? { DATA_DIR: database.dataDir ?? '' } : { DATABASE_URL: postgresUrlInSchema(database.url ?? '', database.schema ?? '') };
    const processes = engine === 'sqlite' ? 1 : POSTGRES_PROCESSES;
    const servers: ServerProcess[] = [];
    for (let p = 0; p < processes; p += 1) servers.push(await startServerProcess(env, { password: adminPassword, keepDataDir: true }, serverNodeArgs()));
    const latencies: number[] = [];
    const byKind: Figures['byKind'] = { 'first push': [], push: [], 'first pull': [], pull: [] };
    let errors = 0;
    const timed = async (server: ServerProcess, kind: keyof Figures['byKind'], url: string, init: RequestInit): Promise<unknown> => {
      const t0 = performance.now();
      try {
        const response = await fetch(`${server.url}${url}`, init);
        const body = (await response.json()) as unknown;
        if (response.status !== 200) errors += 1;
        return body;
      } catch {
        errors += 1;
        return undefined;
      } finally {
        latencies.push(performance.now() - t0);
        byKind[kind].push(performance.now() - t0);
      }
    };
    try {
      const cpuBefore = servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0);
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: DEVICES }, async (_, d) => {
          const cookie = observers[d % OBSERVERS]?.cookie ?? '';
          const server = servers[d % servers.length];
          if (server === undefined) throw new Error('no server');
          const headers = { 'content-type': 'application/json', cookie };
          const deviceId = uuidv7();
          const caseId = uuidv7();
          let seq = 0;
          let cursor = 0;
          const push = (mutation: object): Promise<unknown> => timed(server, seq === 0 ? 'first push' : 'push', '/api/sync/push', { method: 'POST', headers, body: JSON.stringify({ protocol: 1, deviceId, mutations: [{ seq: ++seq, ...mutation }] }) });
          await push({ entity: 'case', id: caseId, baseVersion: 0, payload: { projectId, code: `DEV-${d}`, court: 'City court' } });
          for (let round = 0; round < ROUNDS; round += 1) {
            const i = d * 1000 + round;
            await push({ entity: 'report', id: uuidv7(), baseVersion: 0, payload: { projectId, caseId, formId: 'hearing', formVersion: 1, hearingDate: hearingDate(i), answers: hearingReportAnswers(i) } });
            // As the app pulls (src/app/sync/sync-once.ts): naming its device, its own records only.
            const page = (await timed(server, cursor === 0 ? 'first pull' : 'pull', `/api/sync/pull?cursor=${cursor}&deviceId=${deviceId}&scope=own`, { headers: { cookie } })) as PullResponse | undefined;
            cursor = page?.cursor ?? cursor;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const serverCpu = servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0) - cpuBefore;
      const client = process.cpuUsage(clientBefore);
      return { requests: latencies.length, errors, seconds, processes, serverCpu, clientCpu: (client.user + client.system) / 1e6, latencies, byKind };
    } finally {
      for (const server of servers) await server.stop();
    }
  } finally {
    await database.cleanup();
  }
}

async function main(): Promise<void> {
  const engines: Engine[] = process.env['TEST_DATABASE_URL'] === undefined || process.env['TEST_DATABASE_URL'] === '' ? ['sqlite'] : ['sqlite', 'postgres'];
  if (engines.length === 1) console.log('PostgreSQL skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to include it.');
  for (const engine of engines) {
    const f = await run(engine);
    const rate = f.requests / f.seconds / f.processes;
    const p99 = percentile(f.latencies, 99);
    const where = f.processes === 1 ? 'one server process' : `${f.processes} server processes`;
    console.log(
      `${engine}, ${where}: ${DEVICES} devices x ${ROUNDS} rounds (push + pull): ${f.requests.toLocaleString('en')} requests in ${f.seconds.toFixed(1)} s = ${Math.round(rate)} requests/s per process; ` +
        `latency p50 ${ms(median(f.latencies))}, p99 ${ms(p99)}; errors ${f.errors} ` +
        `(budget >= 1,000/s per process, p99 <= 50 ms, 0 errors: ${rate >= 1000 && p99 <= 50 && f.errors === 0 ? 'OK' : 'MISSED'})`,
    );
    console.log(`  server CPU: ${((f.serverCpu * 1000) / f.requests).toFixed(2)} ms per request (${f.serverCpu.toFixed(1)} s in all); the simulated devices: ${((f.clientCpu * 1000) / f.requests).toFixed(2)} ms per request`);
    for (const [kind, values] of Object.entries(f.byKind)) console.log(`  ${kind}: ${values.length} requests, p50 ${ms(median(values))}, p99 ${ms(percentile(values, 99))}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
