import '../helpers/fake-indexeddb.ts';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../src/core/forms/load-form.ts';
import type { Answers } from '../../src/core/forms/answers.ts';
import type { Form } from '../../src/core/forms/types.ts';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/core/sync/protocol.ts';
import { createCase } from '../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../src/app/db/database.ts';
import { nextBatch } from '../../src/app/db/outbox.ts';
import type { LocalReport } from '../../src/app/db/records.ts';
import { finaliseReport, reopenReport, saveAnswers, startReport } from '../../src/app/db/reports.ts';
import { deviceId, readNumber } from '../../src/app/db/state.ts';
import { applyPull, applyPushResponse } from '../../src/app/sync/apply.ts';
import { testEngines } from '../helpers/databases.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { testDataKey } from '../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const A: Answers = { hearing_date: '2026-11-20', monitors_admitted: 'no', summary_text: 'The hearing was closed to monitors.' };
const B: Answers = { ...A, summary_text: 'The hearing was open.' };

/**
 * The device's own code (src/app/db and src/app/sync/apply.ts on fake-indexeddb) against the real server:
 * what the observer's phone shows after amendments and after a push whose answer was lost.
 */
describe.each(testEngines())('amendments from the device on %s', (engine) => {
  let server: TestServer;
  let device: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    server = await startTestServer(engine);
    name += 1;
    device = new DeviceDatabase(`device-amendments-${engine}-${name}`, await testDataKey());
    await device.open();
  });
  afterEach(async () => {
    await device.delete();
    await server.close();
  });

  /** Sends the next outbox batch; `lose` drops the server's answer after it committed. */
  const push = async (lose = false): Promise<PushResponse> => {
    const batch = await nextBatch(device, 50);
    const body = { protocol: PROTOCOL_VERSION, deviceId: await deviceId(device), mutations: batch.map(({ createdAt: _createdAt, ...m }) => m) };
    const response = await server.request(server.people.obs1, 'POST', '/api/sync/push', body);
    expect(response.statusCode).toBe(200);
    const answer = response.json<PushResponse>();
    if (!lose) await applyPushResponse(device, batch, answer);
    return answer;
  };
  const pull = async (): Promise<void> => {
    const response = await server.request(server.people.obs1, 'GET', `/api/sync/pull?cursor=${await readNumber(device, 'cursor')}`);
    await applyPull(device, response.json<PullResponse>());
  };
  const report = async (id: string): Promise<LocalReport> => {
    const stored = await device.reports.get(id);
    if (stored === undefined) throw new Error('the report is not on the device');
    return stored;
  };
  const finalised = async (answers: Answers): Promise<string> => {
    const kase = await createCase(device, { projectId: server.projectA, code: 'KG-2026-014', court: 'City court' });
    const started = await startReport(device, kase, hearing);
    await saveAnswers(device, started.id, answers);
    await finaliseReport(device, started.id, hearing);
    return started.id;
  };
  const amend = async (id: string, reason: string, answers: Answers): Promise<void> => {
    await reopenReport(device, id, reason);
    await saveAnswers(device, id, answers);
    await finaliseReport(device, id, hearing);
  };

  it('sends an amendment back to earlier content as a new version with its reason, and the phone shows it', async () => {
    const id = await finalised(A);
    await push();
    await amend(id, 'I mixed up two hearings.', B);
    expect((await push()).results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);
    await amend(id, 'The first version was right after all.', A);
    expect((await push()).results).toEqual([{ seq: 4, status: 'applied', version: 3 }]);

    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'reason']).where('report_id', '=', id).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, reason: null },
      { version: 2, reason: 'I mixed up two hearings.' },
      { version: 3, reason: 'The first version was right after all.' },
    ]);
    const current = await server.request(server.people.coord, 'GET', `/api/reports/${id}`);
    expect(current.json<{ report: { version: number; answers: Answers } }>().report).toMatchObject({ version: 3, answers: A });

    await pull();
    const shown = await report(id);
    expect(shown).toMatchObject({ sync: 'sent', serverVersion: 3, answers: A });
    expect(shown.history?.map((h) => [h.version, h.reason])).toEqual([
      [1, undefined],
      [2, 'I mixed up two hearings.'],
      [3, 'The first version was right after all.'],
    ]);
  });

  it('takes the version from the retried push whose first answer was lost, so the next amendment is no conflict', async () => {
    const id = await finalised(A);
    await push(true);
    expect((await push()).results).toEqual([
      { seq: 1, status: 'applied', version: 1 },
      { seq: 2, status: 'applied', version: 1 },
    ]);
    expect(await report(id)).toMatchObject({ sync: 'sent', serverVersion: 1 });

    await amend(id, 'I mixed up two hearings.', B);
    expect((await push()).results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);
    const versions = await server.database.db.selectFrom('report_versions').select(['version', 'conflict']).where('report_id', '=', id).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, conflict: 0 },
      { version: 2, conflict: 0 },
    ]);
    expect(await report(id)).toMatchObject({ sync: 'sent', serverVersion: 2, lastResult: 'applied' });
  });

  it('still learns the version when the retried push was applied before the server stored its answers (migration 009)', async () => {
    const id = await finalised(A);
    await push(true);
    await server.database.db.deleteFrom('push_results').execute();
    expect((await push()).results).toEqual([
      { seq: 1, status: 'unchanged', version: 1 },
      { seq: 2, status: 'unchanged', version: 1 },
    ]);
    await amend(id, 'I mixed up two hearings.', B);
    expect((await push()).results).toEqual([{ seq: 3, status: 'applied', version: 2 }]);
  });
});
