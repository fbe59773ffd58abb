import type { Change, MutationResult, PullResponse, PushResponse } from '../../core/sync/protocol.ts';
import { browserConnection, type Connection } from '../base/api/client.ts';
import type { DeviceDatabase } from '../db/database.ts';
import type { LocalReport, OutboxRow } from '../db/records.ts';
import { purgeDiscarded } from '../db/reports.ts';
import { applyProjectSettings } from '../attachments/apply-project.ts';
import { carryOutCommands } from './commands.ts';
import { moveMergedCase } from './merged-case.ts';
import { markForReseal, needsReseal, readableAgain, storeSeals, withNewBase } from './sealed-outbox.ts';

/**
 * Settles a confirmed push batch in one transaction: records each outcome on its entity and deletes the
 * outbox rows up to lastSeq. Returns how many rows were settled.
 */
export async function applyPushResponse(db: DeviceDatabase, batch: readonly OutboxRow[], response: PushResponse, now = new Date()): Promise<number> {
  const results = new Map(response.results.map((r) => [r.seq, r]));
  const settled = batch.filter((row) => row.seq <= response.lastSeq);
  await db.transaction('rw', db.outbox, db.reports, db.cases, db.state, async () => {
    for (const row of settled) {
      const result = results.get(row.seq);
      if (row.entity === 'report') {
        const report = await db.reports.get(row.id);
        // Reopened since (to correct or amend): the new draft is not what the server answered about.
        if (report === undefined || report.status !== 'final') continue;
        // A sealed version for a base the server moved past: sealed again after the next pull (sealed-outbox.ts).
        if (needsReseal(result)) await markForReseal(db, report);
        else await db.reports.put(settleReport(report, result, now));
      } else if (row.entity === 'case' && result?.version !== undefined) {
        const version = result.version;
        await db.cases.update(row.id, { version });
      }
    }
    await db.outbox.where('seq').belowOrEqual(response.lastSeq).delete();
  });
  return settled.length;
}

/** A finalised report after the server's answer: refused with its reason, or sent as a numbered version. */
export function settleReport(report: LocalReport, result: MutationResult | undefined, now = new Date()): LocalReport {
  if (result?.status === 'refused') {
    const { syncRefusal: _older, ...rest } = report;
    const refusal = result.code === undefined ? {} : { syncRefusal: { code: result.code, params: result.params ?? {} } };
    return { ...rest, sync: 'refused', syncNote: result.reason ?? '', ...refusal, lastResult: 'refused' };
  }
  const version = result?.version ?? report.serverVersion;
  const history = report.history ?? [];
  const last = history[history.length - 1];
  const numbered = last === undefined || last.version !== undefined ? history : [...history.slice(0, -1), { ...last, version }];
  const { syncNote: _refusal, syncRefusal: _code, ...rest } = report;
  return { ...rest, sync: 'sent', serverVersion: version, lastResult: result?.status ?? 'unchanged', history: numbered, confirmedAt: now.toISOString() };
}

/** Applies one pulled page and stores its cursor in the same transaction. Never overwrites a local draft. */
export async function applyPull(db: DeviceDatabase, page: PullResponse, connection: Connection = browserConnection): Promise<void> {
  // Commands (wipe) come before any data and are carried out outside the data transaction.
  await carryOutCommands(db, page.changes.flatMap((c) => (c.entity === 'command' ? [c.data] : [])), connection);
  await db.transaction('rw', [db.cases, db.reports, db.forms, db.state, db.outbox, db.reviews, db.projects, db.attachments, db.register], async () => {
    for (const change of page.changes) await applyChange(db, change);
    await storeSeals(db, page.seals);
    await db.state.put({ key: 'cursor', value: page.cursor });
    await db.state.put({ key: 'lastSyncAt', value: new Date().toISOString() });
    // Drafts discarded by mistake could be restored until now; a sync ends that (src/app/db/README.md).
    await purgeDiscarded(db);
  });
}

async function applyChange(db: DeviceDatabase, change: Change): Promise<void> {
  switch (change.entity) {
    case 'form':
      await db.forms.put(change.data);
      return;
    case 'command':
      return; // carried out before the transaction (carryOutCommands)
    case 'review':
      await db.reviews.put(change.data);
      return;
    case 'project':
      await applyProjectSettings(db, change.data);
      return;
    case 'case': {
      const local = await db.cases.get(change.data.id);
      // A local edit still waiting to be sent wins on the device until the server has answered it.
      const pending = await db.outbox.filter((row) => row.entity === 'case' && row.id === change.data.id).count();
      if (local !== undefined && pending > 0) return;
      const { id, projectId, code, court, version, createdAt, updatedAt } = change.data;
      await db.cases.put({ id, projectId, code, court, version, createdAt, updatedAt });
      return;
    }
    case 'report': {
      const local = await db.reports.get(change.data.id);
      // Waiting to be sealed again: the pulled version is the base it is sealed for (sealed-outbox.ts).
      if (local?.resealPending === true) {
        await db.reports.put(withNewBase(local, change.data.version));
        return;
      }
      // The observer's words on this device win until the server has stored them: a draft (also one
      // being amended), a report waiting to be sent, and one the server refused (kept to be corrected).
      if (local !== undefined && (local.status === 'draft' || local.sync === 'waiting' || local.sync === 'refused')) return;
      const data = change.data;
      // A version this device purged comes back when it moves (a merge) or its thread changes: only where it is
      // filed is taken, the words stay deleted. A newer version (amended on another device) is new and is kept.
      if (local?.purgedAt !== undefined && data.version <= local.serverVersion) {
        await db.reports.put({ ...local, projectId: data.projectId, caseId: data.caseId });
        return;
      }
      // A sealed version carries no answers: the device keeps its own words, never overwriting them with nothing.
      const sealed = data.sealed !== undefined;
      const { purgedAt: _purged, hearingDate: _kept, ...before } = local === undefined ? {} : readableAgain(local, sealed);
      await db.reports.put({
        ...before,
        id: data.id,
        projectId: data.projectId,
        caseId: data.caseId,
        formId: data.formId,
        formVersion: data.formVersion,
        status: 'final',
        answers: sealed ? (local?.answers ?? {}) : (data.answers as LocalReport['answers']),
        ...(sealed && local === undefined ? { sealedElsewhere: true } : {}),
        createdAt: local?.createdAt ?? data.receivedAt,
        // A report new to this device is filed on the day its author's device filed it.
        startedOn: local?.startedOn ?? data.hearingDate,
        updatedAt: data.receivedAt,
        serverVersion: data.version,
        sync: 'sent',
        confirmedAt: data.receivedAt,
      });
      return;
    }
    case 'case_merge':
      await moveMergedCase(db, change.data);
      return;
  }
}
