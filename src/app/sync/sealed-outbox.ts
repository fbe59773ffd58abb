/**
 * Sealing on the device (docs/security.md, "Sealed projects"): the public keys of the observer's sealed
 * projects arrive with every pull and are kept in the device's state (encrypted at rest with the data key
 * like every record); every report version of such a project leaves the device only sealed to its
 * project's key, for the version the server will store it as (baseVersion + 1).
 *
 * - `sealOutbox` runs before every push: each readable report row of a sealed project is sealed in
 *   place (same seq), so what the server receives is the box and the metadata, never the answers. Sealing
 *   is WebCrypto and cannot run inside a Dexie transaction, which is why finalising queues the readable
 *   row (in the device's encrypted outbox, beside the report that holds the same words) and the row is
 *   sealed here, before it is ever sent. A row stays sealed from then on: a retry sends the same box, and
 *   the server answers `unchanged`.
 * - A sealed version whose base the server has moved past (another device of the observer sent one), or
 *   sealed to a key the project no longer has, is refused with sealed_base_stale / sealed_key_stale. The
 *   device marks the report (`resealPending`, still "waiting" for the observer), takes the newer version
 *   number from the next pull, and `resealStale` seals the same content again for it and queues it. The
 *   other device's version stays as the one before; nothing is lost and nothing unusual is shown.
 */
import * as v from 'valibot';
import { refusalCode } from '../../core/api/sync-refusals.ts';
import { PublicJwk } from '../../core/seal/keys.ts';
import { sealReport } from '../../core/seal/sealed-report.ts';
import type { SealCrypto } from '../../core/seal/web-crypto.ts';
import { isSealedPayload, type MutationResult, type ProjectSeal, type ReportFields } from '../../core/sync/protocol.ts';
import { browserSealCrypto } from '../base/seal-crypto.ts';
import type { DeviceDatabase } from '../db/database.ts';
import { enqueue } from '../db/outbox.ts';
import type { LocalReport } from '../db/records.ts';
import { hearingDateOfReport } from '../db/reports.ts';

const SEALS_KEY = 'projectSeals';
const RESEAL_KEY = 'resealReports';

const StoredSeals = v.array(v.object({ projectId: v.string(), kid: v.string(), publicKey: PublicJwk }));
const StoredIds = v.array(v.string());

/** Keeps the pulled keys (replacing the list: a project once sealed stays sealed). Call inside the pull's transaction. */
export async function storeSeals(db: DeviceDatabase, seals: readonly ProjectSeal[] | undefined): Promise<void> {
  await db.state.put({ key: SEALS_KEY, value: JSON.stringify(seals ?? []) });
}

/** The sealed projects' keys this device holds, by project. */
export async function readSeals(db: DeviceDatabase): Promise<Map<string, ProjectSeal>> {
  const parsed = v.safeParse(StoredSeals, parseJson((await db.state.get(SEALS_KEY))?.value));
  return new Map(parsed.success ? parsed.output.map((seal) => [seal.projectId, seal]) : []);
}

/** Seals, in place, every readable report row of a sealed project waiting in the outbox. Returns how many. */
export async function sealOutbox(db: DeviceDatabase, crypto: SealCrypto = browserSealCrypto): Promise<number> {
  const seals = await readSeals(db);
  if (seals.size === 0) return 0;
  const rows = await db.outbox.orderBy('seq').toArray();
  let sealed = 0;
  for (const row of rows) {
    if (row.entity !== 'report' || isSealedPayload(row.payload)) continue;
    const seal = seals.get(row.payload.projectId);
    if (seal === undefined) continue;
    const payload = await sealReport(crypto, seal, row.id, row.baseVersion, row.payload);
    await db.transaction('rw', db.outbox, async () => {
      const current = await db.outbox.get(row.seq);
      // Settled by a push in between (another round), or already sealed: nothing to replace.
      if (current?.entity !== 'report' || isSealedPayload(current.payload) || current.id !== row.id) return;
      await db.outbox.put({ ...current, payload });
    });
    sealed += 1;
  }
  return sealed;
}

/** Whether the server refused a sealed version only because it must be sealed again (a newer base or key). */
export function needsReseal(result: MutationResult | undefined): boolean {
  if (result?.status !== 'refused' || result.reason === undefined) return false;
  const code = refusalCode(result.reason)?.code;
  // A readable version the server would not store (a sealed project, or sealed projects required): sealed after the pull.
  return code === 'sealed_base_stale' || code === 'sealed_key_stale' || code === 'readable_in_sealed_project' || code === 'project_sealing_required';
}

/**
 * Marks a report whose sealed version must be sealed again after the next pull; it stays "waiting".
 * Call inside the push answer's transaction (reports and state).
 */
export async function markForReseal(db: DeviceDatabase, report: LocalReport): Promise<void> {
  const { syncNote: _note, ...rest } = report;
  await db.reports.put({ ...rest, sync: 'waiting', resealPending: true });
  const ids = await resealIds(db);
  if (!ids.includes(report.id)) await db.state.put({ key: RESEAL_KEY, value: JSON.stringify([...ids, report.id]) });
}

/** A pulled version of a report waiting to be sealed again: its number is the new base (the local words stay). */
export function withNewBase(local: LocalReport, serverVersion: number): LocalReport {
  return { ...local, serverVersion: Math.max(local.serverVersion, serverVersion) };
}

/** A report received sealed from another device, now received readable: it is no longer unreadable here. */
export function readableAgain(local: LocalReport, sealed: boolean): LocalReport {
  if (sealed || local.sealedElsewhere === undefined) return local;
  const { sealedElsewhere: _unreadable, ...rest } = local;
  return rest;
}

/**
 * Seals again, for the version the device now knows, each report the server refused as stale, and
 * queues it. Run after a pull, outside any transaction. Returns how many were queued.
 */
export async function resealStale(db: DeviceDatabase, crypto: SealCrypto = browserSealCrypto, now = new Date()): Promise<number> {
  const ids = await resealIds(db);
  if (ids.length === 0) return 0;
  const seals = await readSeals(db);
  let queued = 0;
  for (const id of ids) {
    const report = await db.reports.get(id);
    const seal = report === undefined ? undefined : seals.get(report.projectId);
    const fields = report === undefined ? undefined : readableFields(report);
    const payload = report === undefined || fields === undefined ? undefined : seal === undefined ? fields : await sealReport(crypto, seal, id, report.serverVersion, fields);
    await db.transaction('rw', db.reports, db.outbox, db.state, async () => {
      const current = await db.reports.get(id);
      const left = (await resealIds(db)).filter((other) => other !== id);
      await db.state.put({ key: RESEAL_KEY, value: JSON.stringify(left) });
      // Reopened, or sealed against a base that moved again while sealing: the next round sees it.
      if (current === undefined || report === undefined || payload === undefined || current.resealPending !== true || current.serverVersion !== report.serverVersion) {
        if (current?.resealPending === true) await db.state.put({ key: RESEAL_KEY, value: JSON.stringify([...left, id]) });
        return;
      }
      const { resealPending: _pending, ...rest } = current;
      await db.reports.put(rest);
      await enqueue(db, { entity: 'report', id, baseVersion: current.serverVersion, payload }, now.toISOString());
      queued += 1;
    });
  }
  return queued;
}

/** The readable fields of a finalised report, as finaliseReport queued them (the last finalisation's reason). */
function readableFields(report: LocalReport): ReportFields | undefined {
  if (report.status !== 'final') return undefined;
  const reason = report.history?.at(-1)?.reason;
  return {
    projectId: report.projectId,
    caseId: report.caseId,
    formId: report.formId,
    formVersion: report.formVersion,
    hearingDate: hearingDateOfReport(report),
    answers: report.answers,
    ...(reason === undefined ? {} : { reason }),
  };
}

async function resealIds(db: DeviceDatabase): Promise<string[]> {
  const parsed = v.safeParse(StoredIds, parseJson((await db.state.get(RESEAL_KEY))?.value));
  return parsed.success ? parsed.output : [];
}

function parseJson(value: string | number | undefined): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
