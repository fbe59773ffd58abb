import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/core/api/contract.ts';
import { call } from '../../src/app/base/api/call.ts';
import { ApiFailure, type Connection } from '../../src/app/base/api/client.ts';
import { createCase } from '../../src/app/db/cases.ts';
import { latestForms } from '../../src/app/db/forms.ts';
import { pendingCount } from '../../src/app/db/outbox.ts';
import { addNote, finaliseReport, reopenReport, saveAnswers, startReport } from '../../src/app/db/reports.ts';
import { reply } from '../../src/app/db/reviews.ts';
import { readNumber } from '../../src/app/db/state.ts';
import { syncOnce } from '../../src/app/sync/sync-once.ts';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import type { Form } from '../../src/core/forms/types.ts';
import type { ReviewThread } from '../../src/core/sync/protocol.ts';
import { enrolAppDevice, type AppDevice } from '../helpers/app-device.ts';
import { testEngines } from '../helpers/databases.ts';
import { FAULTS, FaultyNetwork, type Fault } from '../helpers/faulty-network.ts';
import { addPerson } from '../helpers/people.ts';
import { changeLogShape } from '../helpers/sync-invariants.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * QUALITY.md "Proofs that nothing is lost", on the real client: two phones of one observer run the
 * app's own code (src/app/db and src/app/sync on fake-indexeddb) against the real server app, and a
 * coordinator comments and asks questions through the API as the review screen does. Every request
 * crosses a network that drops it, drops its answer after the server committed, delivers it twice at
 * once, holds it back and delivers it after newer ones, or cuts its answer short, and the server
 * restarts in between. fast-check picks the order of edits, finalisations, amendments, notes, replies,
 * comments, sync rounds (alone or both phones at once) with their faults, late deliveries and restarts.
 * When the network comes back, the invariants of SYNC.md must hold (see tests/integration/README.md).
 * Replay a failure with the seed and path it prints: SYNC_PROPERTY_SEED=... SYNC_PROPERTY_PATH=...
 */
const RUNS = Number(process.env['SYNC_PROPERTY_RUNS'] ?? '25');
const SEED = process.env['SYNC_PROPERTY_SEED'];
const PATH = process.env['SYNC_PROPERTY_PATH'];
const SLOTS = 2;
/** Few contents, so that amending back to earlier words and amending to the current words both happen often. */
const CONTENTS = 2;
const REASONS = 2;

type Action =
  | { readonly kind: 'edit'; readonly device: number; readonly slot: number; readonly content: number }
  | { readonly kind: 'finalise' | 'note' | 'reply'; readonly device: number; readonly slot: number }
  | { readonly kind: 'reopen'; readonly device: number; readonly slot: number; readonly reason: number }
  | { readonly kind: 'amend'; readonly device: number; readonly slot: number; readonly reason: number; readonly content: number }
  | { readonly kind: 'comment'; readonly slot: number; readonly ask: boolean; readonly faults: readonly Fault[] }
  | { readonly kind: 'sync'; readonly device: number; readonly faults: readonly Fault[] }
  | { readonly kind: 'sync both'; readonly faults: readonly [readonly Fault[], readonly Fault[]] }
  | { readonly kind: 'late' }
  | { readonly kind: 'restart' };

const device = fc.nat(1);
/** Mostly the first report, so that one report lives through many amendments, by both phones. */
const slot = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(SLOTS - 1) });
/** The faults of one round's requests, in order: mostly sound, so that rounds also succeed and amendments follow. */
const faults = fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant<Fault>('ok') }, { weight: 1, arbitrary: fc.constantFrom(...FAULTS.filter((f) => f !== 'ok')) }), { maxLength: 3 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, slot, content: fc.nat(CONTENTS - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finalise' as const), device, slot }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), device, slot, reason: fc.nat(REASONS - 1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('amend' as const), device, slot, reason: fc.nat(REASONS - 1), content: fc.nat(CONTENTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('note' as const, 'reply' as const), device, slot }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), slot, ask: fc.boolean(), faults }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, faults }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync both' as const), faults: fc.tuple(faults, faults) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'late' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const answersFor = (content: number) => ({ hearing_date: '2026-11-20', monitors_admitted: 'yes', summary_text: `Content ${content}.` });

/** One finalisation on a phone: the entry it added to the report's history, and what it sent. */
interface Finalisation {
  readonly device: AppDevice;
  readonly reportId: string;
  readonly entry: number;
  readonly answers: string;
}

describe.each(testEngines())('the real sync client against the real server on %s, on a faulty network', (engine) => {
  let server: TestServer;
  let network: FaultyNetwork;
  let run = 0;
  beforeAll(async () => {
    server = await startTestServer(engine);
    network = await FaultyNetwork.open(server.app, server.database);
  });
  afterAll(async () => {
    await network.close();
    await server.close();
  });

  it('loses nothing, duplicates nothing and converges, whatever the order of edits, faults and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40, size: 'medium' }), async (actions) => {
        // Each run is its own world on the shared database: a new observer with two new phones.
        run += 1;
        const address = (n: number): string => `10.${(run >> 8) & 255}.${run & 255}.${n}`;
        const observer = await addPerson(server, `observer-${run}`, { project: server.projectA, role: 'observer' });
        const phones = [
          await enrolAppDevice(network, server.projectA, server.people.coord, observer, `phone-a-${run}`, address(1)),
          await enrolAppDevice(network, server.projectA, server.people.coord, observer, `phone-b-${run}`, address(2)),
        ] as const;
        const coordinator: Connection = network.connect(`coordinator-${run}`, address(3), server.people.coord.cookie);
        /** Failures that no fault explains: a refusal, a signed-out answer, an exception. */
        const unexpected: string[] = [];

        const sync = async (phone: AppDevice, planned: readonly Fault[]): Promise<void> => {
          network.plan(phone.name, planned);
          try {
            await syncOnce(phone.db, () => undefined, phone.connection);
          } catch (error) {
            // Under faults a round may fail, but only for want of an answer (offline); on a sound network never.
            if (planned.length === 0 || !(error instanceof ApiFailure && error.kind === 'offline')) unexpected.push(`${phone.name} sync (faults: ${planned.join(', ') || 'none'}): ${String(error)}`);
          } finally {
            network.plan(phone.name, []);
          }
        };

        // The first phone opens the case; the second receives it (and the forms) on its first sync.
        await sync(phones[0], []);
        const kase = await createCase(phones[0].db, { projectId: server.projectA, code: `P-${run}`, court: 'City court' });
        await sync(phones[0], []);
        await sync(phones[1], []);
        const form: Form | undefined = (await latestForms(phones[0].db)).find((f) => f.id === 'hearing');
        if (form === undefined) throw new Error('the hearing form did not arrive');
        expect(await phones[1].db.cases.get(kase.id)).toBeDefined();

        const slots: (string | undefined)[] = Array.from({ length: SLOTS }, () => undefined);
        const finalisations: Finalisation[] = [];
        const notes = new Map<string, string[]>();
        const coordinatorWords: string[] = [];
        const replies: string[] = [];
        let words = 0;

        const finalise = async (phone: AppDevice, reportId: string): Promise<void> => {
          const report = await phone.db.reports.get(reportId);
          if (report?.status !== 'draft') return;
          const final = await finaliseReport(phone.db, reportId, form);
          finalisations.push({ device: phone, reportId, entry: (final.history?.length ?? 0) - 1, answers: canonicalJson(final.answers) });
        };

        for (const step of actions) {
          if (step.kind === 'restart') {
            await network.restart();
            continue;
          }
          if (step.kind === 'late') {
            await network.deliverLate();
            continue;
          }
          if (step.kind === 'sync both') {
            await Promise.all([sync(phones[0], step.faults[0]), sync(phones[1], step.faults[1])]);
            continue;
          }
          if (step.kind === 'comment') {
            const reportId = slots[step.slot];
            if (reportId === undefined) continue;
            const seen = await network.app.inject({ method: 'GET', url: `/api/reports/${reportId}/thread`, headers: { cookie: server.people.coord.cookie } });
            if (seen.statusCode !== 200) continue; // not on the server yet: nothing for the coordinator to review
            const text = `Coordinator ${step.ask ? 'asks' : 'says'} ${++words} (run ${run}).`;
            network.plan(`coordinator-${run}`, step.faults);
            // As the review screen does: the text keeps its id (made once per wording) after a failure,
            // and the coordinator presses again until it goes.
            const id = uuidv7();
            for (let attempt = 0; ; attempt += 1) {
              try {
                if (step.ask) await call(contract.reviewReport, { params: { id: reportId }, body: { status: 'needs_clarification', comment: text, commentId: id } }, coordinator);
                else await call(contract.commentOnReport, { params: { id: reportId }, body: { id, body: text } }, coordinator);
                break;
              } catch (error) {
                if (!(error instanceof ApiFailure && error.kind === 'offline') || attempt > step.faults.length) {
                  unexpected.push(`coordinator: ${String(error)}`);
                  break;
                }
              }
            }
            network.plan(`coordinator-${run}`, []);
            coordinatorWords.push(text);
            continue;
          }
          if (step.kind === 'sync') {
            await sync(phones[step.device] ?? phones[0], step.faults);
            continue;
          }
          const phone = phones[step.device] ?? phones[0];
          const reportId = slots[step.slot];
          const report = reportId === undefined ? undefined : await phone.db.reports.get(reportId);
          if (step.kind === 'edit') {
            if (reportId === undefined) {
              const started = await startReport(phone.db, kase, form);
              slots[step.slot] = started.id;
              await saveAnswers(phone.db, started.id, answersFor(step.content));
            } else if (report?.status === 'draft') await saveAnswers(phone.db, report.id, answersFor(step.content));
          } else if (report === undefined) {
            continue; // this phone has not received the report yet
          } else if (step.kind === 'finalise') {
            await finalise(phone, report.id);
          } else if (step.kind === 'reopen' || step.kind === 'amend') {
            // Amending is reopening with a reason, changing the words and finalising again; 'reopen' stops at the draft.
            if (report.status !== 'final' || report.sync !== 'sent') continue;
            await reopenReport(phone.db, report.id, `Reason ${step.reason}: the defence lawyer's name was wrong.`);
            if (step.kind === 'amend') {
              await saveAnswers(phone.db, report.id, answersFor(step.content));
              await finalise(phone, report.id);
            }
          } else if (step.kind === 'note') {
            const text = `Note ${++words}`;
            await addNote(phone.db, report.id, 'hearing', text);
            notes.set(`${phone.name}/${report.id}`, [...(notes.get(`${phone.name}/${report.id}`) ?? []), text]);
          } else if (report.serverVersion > 0) {
            const text = `Observer replies ${++words} (run ${run}).`;
            await reply(phone.db, report.id, text);
            replies.push(text);
          }
        }

        // The observer finishes every report, the network comes back, and each phone syncs until it has everything.
        for (const phone of phones) for (const reportId of slots) if (reportId !== undefined) await finalise(phone, reportId);
        await network.deliverLate();
        for (let round = 0; round < 3; round += 1) for (const phone of phones) await sync(phone, []);

        expect(network.serverErrors).toEqual([]);
        expect(unexpected).toEqual([]);
        for (const phone of phones) {
          // Outboxes drain, and the server's last seq is each phone's.
          expect(await pendingCount(phone.db)).toBe(0);
          const row = await server.database.db.selectFrom('devices').select('last_seq').where('id', '=', phone.deviceId).executeTakeFirstOrThrow();
          expect(row.last_seq).toBe(await readNumber(phone.db, 'lastSeq'));
          // Nothing a phone sent was refused.
          const refused = network.pushAnswersOf(phone.name).flatMap((a) => a.results.filter((r) => r.status === 'refused'));
          expect(refused).toEqual([]);
        }

        for (const reportId of slots) {
          if (reportId === undefined) continue;
          const versions = await server.database.db.selectFrom('report_versions').select(['version', 'answers', 'reason', 'device_id', 'conflict']).where('report_id', '=', reportId).orderBy('version').execute();
          const mine = finalisations.filter((f) => f.reportId === reportId);
          if (mine.length === 0) {
            expect(versions).toEqual([]);
            continue;
          }
          // Versions are 1..n and the report's current version is the newest.
          expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
          // No version repeats the one before it: the current content again is a no-op, not a version.
          for (const [i, v] of versions.entries()) if (i > 0) expect(v.answers).not.toBe(versions[i - 1]?.answers);
          const current = await server.database.db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow();
          expect(current.version).toBe(versions.length);
          // Every finalisation was told its version, and that version holds what it sent; every version is some finalisation's (exactly once).
          const told = new Set<number>();
          for (const f of mine) {
            const version = (await f.device.db.reports.get(reportId))?.history?.[f.entry]?.version;
            expect({ finalised: f.answers, version, stored: versions[(version ?? 0) - 1]?.answers }).toEqual({ finalised: f.answers, version, stored: f.answers });
            if (version !== undefined) told.add(version);
          }
          expect([...told].sort((a, b) => a - b)).toEqual(versions.map((v) => v.version));
          // A phone's later finalisation never lands on an older version (going back to earlier words is a new version).
          for (const phone of phones) {
            const history = (await phone.db.reports.get(reportId))?.history ?? [];
            const numbers = mine.filter((f) => f.device === phone).map((f) => history[f.entry]?.version ?? 0);
            expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
          }
          // Every amendment carries its reason; a conflict is only ever with another phone's version, never the phone's own.
          for (const v of versions.slice(1)) expect(v.reason).toMatch(/^Reason \d/);
          for (const v of versions.filter((x) => x.conflict === 1)) expect(versions[v.version - 2]?.device_id).not.toBe(v.device_id);
          // Each phone's newest finalised content is the server's current version.
          for (const phone of phones) {
            const local = await phone.db.reports.get(reportId);
            expect({ status: local?.status, sync: local?.sync, serverVersion: local?.serverVersion, answers: canonicalJson(local?.answers ?? {}) }).toEqual({
              status: 'final',
              sync: 'sent',
              serverVersion: versions.length,
              answers: versions.at(-1)?.answers,
            });
          }
        }

        // Comments and replies are stored exactly once each, and every phone holds the server's thread.
        const ids = slots.filter((id): id is string => id !== undefined);
        const bodies = ids.length === 0 ? [] : (await server.database.db.selectFrom('comments').select('body').where('report_id', 'in', ids).execute()).map((c) => c.body).sort();
        expect(bodies).toEqual([...coordinatorWords, ...replies].sort());
        for (const reportId of ids) {
          const thread = await network.app.inject({ method: 'GET', url: `/api/reports/${reportId}/thread`, headers: { cookie: server.people.coord.cookie } });
          if (thread.statusCode === 404) continue;
          const expected = thread.json<ReviewThread | null>();
          for (const phone of phones) {
            // No thread on the phone is the server's untouched one: received, nothing said.
            const held = await phone.db.reviews.get(reportId);
            expect({ status: held?.status ?? 'received', comments: held?.comments.map((c) => c.body) ?? [] }).toEqual({ status: expected?.status, comments: expected?.comments.map((c) => c.body) });
          }
        }

        // Quick notes stay on the phone that took them, through every pull.
        for (const phone of phones) {
          for (const reportId of ids) {
            const local = await phone.db.reports.get(reportId);
            expect((local?.notes ?? []).map((n) => n.text)).toEqual(notes.get(`${phone.name}/${reportId}`) ?? []);
          }
        }

        // No pull repeats a change or skips one: positions only grow, and each entity's newest change reached every phone.
        const newest = await server.database.db
          .selectFrom('changes')
          .select(['entity', 'entity_id', (eb) => eb.fn.max('position').as('position')])
          .where('entity_id', 'in', [kase.id, ...ids])
          .groupBy(['entity', 'entity_id'])
          .execute();
        for (const phone of phones) {
          const pages = network.pullsOf(phone.name);
          const positions = pages.flatMap((p) => p.changes.filter((c) => c.entity !== 'command').map((c) => c.position));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(new Set(positions).size).toBe(positions.length);
          for (const change of newest) expect(positions, `${change.entity} ${change.entity_id}`).toContain(change.position);
          for (const page of pages) for (const change of page.changes) if (change.entity === 'report') expect(change.data.authorId).toBe(observer.id);
        }
        const log = await changeLogShape(server.database.db);
        expect(log.gapFree && log.counter === log.max).toBe(true);

        for (const phone of phones) await phone.db.delete();
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: Number(SEED) }), ...(PATH === undefined ? {} : { path: PATH }) },
    );
  }, 600_000);
});
