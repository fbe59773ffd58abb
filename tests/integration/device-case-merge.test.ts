import '../helpers/fake-indexeddb.ts';
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForm } from '../../src/core/forms/load-form.ts';
import type { Form } from '../../src/core/forms/types.ts';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/core/sync/protocol.ts';
import { createCase } from '../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../src/app/db/database.ts';
import { nextBatch } from '../../src/app/db/outbox.ts';
import { addRegisterEntry } from '../../src/app/db/register.ts';
import { finaliseReport, saveAnswers, startReport } from '../../src/app/db/reports.ts';
import { deviceId, readNumber } from '../../src/app/db/state.ts';
import { applyPull, applyPushResponse } from '../../src/app/sync/apply.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { testDataKey } from '../helpers/data-key.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('the hearing form must load');
const hearing: Form = loaded.form;
const SENT = { hearing_date: '2026-11-20', monitors_admitted: 'no', summary_text: 'The hearing was closed to monitors.' };
const DRAFT = { hearing_date: '2026-11-27', summary_text: 'Half-written: the judge arrived late.' };

/**
 * Issue 13 part 5 on the phone: obs2 opened case KG-17 offline while obs1 opened it too; the coordinator
 * merges obs2's case into obs1's. obs2's phone (the device's own code on fake-indexeddb, against the real
 * server) drops the empty case, finds its sent report and its unsent draft under the kept case, and the
 * draft, finalised later, reaches the server under the kept case: nothing is lost.
 */
describe.each(testEngines())('a case merged away, on the phone, on %s', (engine) => {
  let server: TestServer;
  let device: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    server = await startTestServer(engine);
    name += 1;
    device = new DeviceDatabase(`device-case-merge-${engine}-${name}`, await testDataKey());
    await device.open();
  });
  afterEach(async () => {
    await device.delete();
    await server.close();
  });

  const push = async (): Promise<PushResponse> => {
    const batch = await nextBatch(device, 50);
    const body = { protocol: PROTOCOL_VERSION, deviceId: await deviceId(device), mutations: batch.map(({ createdAt: _createdAt, ...m }) => m) };
    const response = await server.request(server.people.obs2, 'POST', '/api/sync/push', body);
    expect(response.statusCode).toBe(200);
    const answer = response.json<PushResponse>();
    await applyPushResponse(device, batch, answer);
    return answer;
  };
  const pull = async (): Promise<void> => {
    for (;;) {
      const response = await server.request(server.people.obs2, 'GET', `/api/sync/pull?cursor=${await readNumber(device, 'cursor')}&scope=own`);
      const page = response.json<PullResponse>();
      await applyPull(device, page);
      if (!page.hasMore) return;
    }
  };

  it('drops the merged case and keeps its sent report, its draft and its register under the kept case', async () => {
    const kept = uuidv7();
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: PROTOCOL_VERSION, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, kept, 'KG-17')] });

    const mine = await createCase(device, { projectId: server.projectA, code: 'KG-17', court: 'City court' });
    const sent = await startReport(device, mine, hearing);
    await saveAnswers(device, sent.id, SENT);
    await finaliseReport(device, sent.id, hearing);
    await push();
    await pull();
    const draft = await startReport(device, mine, hearing);
    await saveAnswers(device, draft.id, DRAFT);
    await addRegisterEntry(device, mine.id, { code: 'W1', role: 'witness', name: 'Смирнова Анна' });

    const merged = await server.request(server.people.coord, 'POST', `/api/cases/${mine.id}/merge`, { into: kept });
    expect(merged.statusCode).toBe(200);
    await pull();

    expect(await device.cases.get(mine.id)).toBeUndefined();
    expect((await device.cases.toArray()).map((c) => [c.id, c.code])).toEqual([[kept, 'KG-17']]);
    expect(await device.reports.get(sent.id)).toMatchObject({ caseId: kept, sync: 'sent', answers: SENT });
    expect(await device.reports.get(draft.id)).toMatchObject({ caseId: kept, status: 'draft', answers: DRAFT });
    expect((await device.register.toArray()).map((e) => [e.caseId, e.code, e.name])).toEqual([[kept, 'W1', 'Смирнова Анна']]);

    // The draft, finished after the merge, is stored under the kept case.
    await saveAnswers(device, draft.id, { ...DRAFT, monitors_admitted: 'yes' });
    await finaliseReport(device, draft.id, hearing);
    expect((await push()).results).toEqual([expect.objectContaining({ status: 'applied', version: 1 })]);
    const stored = await server.database.db.selectFrom('reports').select(['case_id']).where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(stored.case_id).toBe(kept);
  });
});
