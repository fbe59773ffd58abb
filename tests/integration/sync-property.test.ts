import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import type { Answers } from '../../src/core/forms/answers.ts';
import type { Mutation, PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, hearingAnswers, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';
import { changeLogShape } from '../helpers/sync-invariants.ts';

/**
 * QUALITY.md "Proofs that nothing is lost": a property test of the whole protocol. Simulated devices
 * (two of one observer, one of another) finalise reports, push in batches whose request or response
 * gets lost or arrives twice, pull, and live through server restarts, in a random order. Afterwards
 * every content finalised on a device is on the server, no retry makes a version (no version repeats the
 * one before it; going back to earlier content is a new version), versions are 1..n, outboxes drain,
 * each device's last seq is the server's, and every device's pulled copy equals the server's state.
 */
const REPORTS_PER_OBSERVER = 3;
const CONTENTS = 3;
const RUNS = Number(process.env['SYNC_PROPERTY_RUNS'] ?? '20');

type Action =
  | { readonly kind: 'finalise'; readonly device: number; readonly report: number; readonly content: number }
  | { readonly kind: 'push'; readonly device: number; readonly batch: number; readonly fate: 'ok' | 'request lost' | 'response lost' | 'sent twice' }
  | { readonly kind: 'pull'; readonly device: number }
  | { readonly kind: 'restart' };

const DEVICES = 3;
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('finalise' as const), device: fc.nat(DEVICES - 1), report: fc.nat(REPORTS_PER_OBSERVER - 1), content: fc.nat(CONTENTS - 1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), device: fc.nat(DEVICES - 1), batch: fc.integer({ min: 1, max: 4 }), fate: fc.constantFrom('ok' as const, 'request lost' as const, 'response lost' as const, 'sent twice' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device: fc.nat(DEVICES - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

interface Device {
  readonly id: string;
  readonly who: Person;
  /** The observer's reports and case, shared by that observer's devices. */
  readonly reports: readonly string[];
  readonly caseId: string;
  outbox: Mutation[];
  nextSeq: number;
  /** The newest server version this device has heard of, per report: its baseVersion for the next edit. */
  readonly known: Map<string, number>;
  /** What the device holds from pulls: report id -> {version, answers}. */
  readonly pulled: Map<string, { version: number; answers: string }>;
  cursor: number;
  lastPosition: number;
}

const answersFor = (reportId: string, content: number): Answers => hearingAnswers({ summary_text: `Report ${reportId}, content ${content}.` }) as Answers;

describe.each(testEngines())('the sync protocol as a property on %s', (engine) => {
  let server: TestServer;
  let app: FastifyInstance;
  beforeAll(async () => {
    server = await startTestServer(engine);
    app = server.app;
  });
  afterAll(async () => {
    if (app !== server.app) await app.close();
    await server.close();
  });

  const inject = async (who: Person, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload === undefined ? {} : { payload }) });

  it('loses nothing, duplicates nothing and converges, whatever the order of edits, losses, retries and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        // Fresh ids every run: each run is its own world on the shared database.
        const owners = [server.people.obs1, server.people.obs2];
        const cases = await Promise.all(
          owners.map(async (who) => {
            const caseId = uuidv7();
            const setup = await inject(who, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId)] });
            expect(setup.statusCode).toBe(200);
            return { caseId, reports: Array.from({ length: REPORTS_PER_OBSERVER }, () => uuidv7()) };
          }),
        );
        const devices: Device[] = [0, 0, 1].map((owner) => {
          const { caseId, reports } = cases[owner] ?? { caseId: '', reports: [] };
          return { id: uuidv7(), who: owners[owner] ?? server.people.obs1, reports, caseId, outbox: [], nextSeq: 1, known: new Map(), pulled: new Map(), cursor: 0, lastPosition: 0 };
        });
        /** The model: per report, every content any device finalised. */
        const finalised = new Map<string, Set<string>>();
        const finalisations = new Map<string, number>();

        const send = async (device: Device, batch: number): Promise<PushResponse> => {
          const response = await inject(device.who, 'POST', '/api/sync/push', { protocol: 1, deviceId: device.id, mutations: device.outbox.slice(0, batch) });
          expect(response.statusCode, response.body).toBe(200);
          return response.json<PushResponse>();
        };
        const settle = (device: Device, answer: PushResponse): void => {
          for (const result of answer.results) {
            expect(result.status, result.reason).not.toBe('refused');
            const mutation = device.outbox.find((m) => m.seq === result.seq);
            if (mutation !== undefined && result.version !== undefined) device.known.set(mutation.id, Math.max(device.known.get(mutation.id) ?? 0, result.version));
          }
          device.outbox = device.outbox.filter((m) => m.seq > answer.lastSeq);
        };
        const pull = async (device: Device): Promise<void> => {
          for (;;) {
            const response = await inject(device.who, 'GET', `/api/sync/pull?cursor=${device.cursor}`);
            expect(response.statusCode).toBe(200);
            const page = response.json<PullResponse>();
            for (const change of page.changes) {
              // Positions only move forward: a pull never goes back, and never repeats one.
              expect(change.position).toBeGreaterThan(device.lastPosition);
              device.lastPosition = change.position;
              if (change.entity !== 'report') continue;
              expect(change.data.authorId).toBe(device.who.id);
              device.pulled.set(change.data.id, { version: change.data.version, answers: canonicalJson(change.data.answers) });
              device.known.set(change.data.id, Math.max(device.known.get(change.data.id) ?? 0, change.data.version));
            }
            expect(page.cursor).toBeGreaterThanOrEqual(device.cursor);
            device.cursor = page.cursor;
            if (!page.hasMore) return;
          }
        };

        for (const step of actions) {
          if (step.kind === 'restart') {
            // A restart: a new process on the same database, with cold caches.
            if (app !== server.app) await app.close();
            app = await buildApp({ database: server.database });
            continue;
          }
          const device = devices[step.device];
          if (device === undefined) continue;
          if (step.kind === 'finalise') {
            const reportId = device.reports[step.report] ?? '';
            const answers = answersFor(reportId, step.content);
            finalised.set(reportId, (finalised.get(reportId) ?? new Set()).add(canonicalJson(answers)));
            finalisations.set(reportId, (finalisations.get(reportId) ?? 0) + 1);
            device.outbox.push({
              seq: device.nextSeq++,
              entity: 'report',
              id: reportId,
              baseVersion: device.known.get(reportId) ?? 0,
              payload: { projectId: server.projectA, caseId: device.caseId, formId: 'hearing', formVersion: 1, hearingDate: '2026-11-20', answers },
            });
          } else if (step.kind === 'pull') {
            await pull(device);
          } else if (device.outbox.length > 0 && step.fate !== 'request lost') {
            const answer = await send(device, step.batch);
            if (step.fate === 'ok') settle(device, answer);
            if (step.fate === 'sent twice') settle(device, await send(device, step.batch));
          }
        }

        // The network comes back: every device drains its outbox and pulls until it has everything.
        for (const device of devices) while (device.outbox.length > 0) settle(device, await send(device, 4));
        for (const device of devices) await pull(device);

        for (const [reportId, contents] of finalised) {
          const versions = await server.database.db.selectFrom('report_versions').select(['version', 'answers']).where('report_id', '=', reportId).orderBy('version').execute();
          // Every finalised content and nothing else, numbered 1..n, at most one version per finalisation,
          // and never the same content twice in a row: a retry or a copy is no version.
          expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
          expect(new Set(versions.map((v) => v.answers))).toEqual(contents);
          expect(versions.length).toBeLessThanOrEqual(finalisations.get(reportId) ?? 0);
          expect(versions.filter((v, i) => i > 0 && v.answers === versions[i - 1]?.answers)).toEqual([]);
          const current = await server.database.db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow();
          expect(current.version).toBe(versions.length);
          // Every device of the author converged on the server's current state; others never saw it.
          for (const device of devices) {
            if (device.reports.includes(reportId)) expect(device.pulled.get(reportId)).toEqual({ version: current.version, answers: versions.at(-1)?.answers });
            else expect(device.pulled.has(reportId)).toBe(false);
          }
        }
        for (const device of devices) {
          const row = await server.database.db.selectFrom('devices').select('last_seq').where('id', '=', device.id).executeTakeFirst();
          expect(row?.last_seq ?? 0).toBe(device.nextSeq - 1);
        }
        const log = await changeLogShape(server.database.db);
        expect(log.gapFree && log.counter === log.max).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
