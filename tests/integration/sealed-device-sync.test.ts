import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/app/db/cases.ts';
import { latestForms } from '../../src/app/db/forms.ts';
import { nextBatch, pendingCount } from '../../src/app/db/outbox.ts';
import { addNote, finaliseReport, reopenReport, saveAnswers, startReport } from '../../src/app/db/reports.ts';
import { readSeals, sealOutbox } from '../../src/app/sync/sealed-outbox.ts';
import { syncOnce } from '../../src/app/sync/sync-once.ts';
import type { Answers } from '../../src/core/forms/answers.ts';
import type { Form } from '../../src/core/forms/types.ts';
import { isSealedPayload, type PushResponse } from '../../src/core/sync/protocol.ts';
import { enrolAppDevice, type AppDevice } from '../helpers/app-device.ts';
import { testEngines } from '../helpers/databases.ts';
import { FaultyNetwork } from '../helpers/faulty-network.ts';
import { openStored, readableFields, sealProject, sealedReportMutation, type ProjectKey } from '../helpers/sealed-project.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const answers = (summary: string): Answers => ({ hearing_date: '2026-11-20', monitors_admitted: 'yes', summary_text: summary });

/**
 * The device's side of sealed projects (issue 11 part 2), with the app's own code (src/app/db and
 * src/app/sync on fake-indexeddb) against the real server: the phone receives the project's key, sends
 * only sealed versions, keeps its own words when the pull brings its sealed version back, and seals
 * again, unseen by the observer, a version the server refused as stale.
 */
describe.each(testEngines())('a phone in a sealed project on %s', (engine) => {
  let server: TestServer;
  let network: FaultyNetwork;
  let phone: AppDevice;
  let key: ProjectKey;
  let form: Form;
  beforeEach(async () => {
    server = await startTestServer(engine);
    network = await FaultyNetwork.open(server.app, server.database);
    key = await sealProject(server.database.db, server.projectA, server.people.coord.id);
    phone = await enrolAppDevice(network, server.projectA, server.people.coord, server.people.obs1, `sealed-phone-${engine}-${uuidv7()}`, '10.9.0.1');
    await syncOnce(phone.db, () => undefined, phone.connection);
    const hearing = (await latestForms(phone.db)).find((f) => f.id === 'hearing');
    if (hearing === undefined) throw new Error('the hearing form did not arrive');
    form = hearing;
  });
  afterEach(async () => {
    await phone.db.delete();
    await network.close();
    await server.close();
  });

  const versions = (reportId: string) => server.database.db.selectFrom('report_versions').select(['version', 'answers', 'reason', 'sealed']).where('report_id', '=', reportId).orderBy('version').execute();
  const pushed = (): PushResponse[] => network.delivered.filter((d) => d.client === phone.name && d.path === '/api/sync/push').map((d) => JSON.parse(d.body) as PushResponse);

  it('keeps the key from the pull, sends the report only sealed, and keeps its own words when the sealed version comes back', async () => {
    expect([...(await readSeals(phone.db)).values()]).toEqual([{ projectId: server.projectA, kid: key.kid, publicKey: key.publicKey }]);
    const kase = await createCase(phone.db, { projectId: server.projectA, code: 'S-1', court: 'City court' });
    const report = await startReport(phone.db, kase, form);
    await saveAnswers(phone.db, report.id, answers('The judge read the verdict in private.'));
    await addNote(phone.db, report.id, 'hearing', 'A note that stays here.');
    await finaliseReport(phone.db, report.id, form);

    // Sealed before it is sent: in place, same seq.
    expect(await sealOutbox(phone.db)).toBe(1);
    const [row] = (await nextBatch(phone.db, 10)).filter((r) => r.entity === 'report');
    expect(row?.entity === 'report' && isSealedPayload(row.payload)).toBe(true);
    expect(JSON.stringify(row)).not.toContain('verdict in private');

    await syncOnce(phone.db, () => undefined, phone.connection);
    const [stored] = await versions(report.id);
    expect({ answers: stored?.answers, reason: stored?.reason }).toEqual({ answers: '{}', reason: null });
    expect((await openStored(key, JSON.parse(stored?.sealed ?? 'null'), report.id, 1, form.version)).answers).toEqual(answers('The judge read the verdict in private.'));
    const local = await phone.db.reports.get(report.id);
    expect({ sync: local?.sync, serverVersion: local?.serverVersion, answers: local?.answers, notes: local?.notes?.length }).toEqual({
      sync: 'sent',
      serverVersion: 1,
      answers: answers('The judge read the verdict in private.'),
      notes: 1,
    });

    // A report the observer's tablet sent sealed: this phone cannot read it, and says so rather than showing empty answers as its words.
    const fromTablet = uuidv7();
    const tablet = await sealedReportMutation(1, key, fromTablet, readableFields(server.projectA, kase.id, answers('Tablet only.'), undefined, form.version));
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [tablet] });
    await syncOnce(phone.db, () => undefined, phone.connection);
    const received = await phone.db.reports.get(fromTablet);
    expect({ answers: received?.answers, sealedElsewhere: received?.sealedElsewhere, serverVersion: received?.serverVersion }).toEqual({ answers: {}, sealedElsewhere: true, serverVersion: 1 });
  });

  it('seals again for the newer version when the server refuses its amendment as stale, and the observer sees it sent', async () => {
    const kase = await createCase(phone.db, { projectId: server.projectA, code: 'S-2', court: 'City court' });
    const report = await startReport(phone.db, kase, form);
    await saveAnswers(phone.db, report.id, answers('First words.'));
    await finaliseReport(phone.db, report.id, form);
    await syncOnce(phone.db, () => undefined, phone.connection);

    // The observer's tablet amends it to version 2 while the phone is offline.
    const tablet = await sealedReportMutation(1, key, report.id, readableFields(server.projectA, kase.id, answers('Tablet words.'), 'From the tablet', form.version), 1);
    const sent = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [tablet] });
    expect(sent.json<PushResponse>().results).toEqual([{ seq: 1, status: 'applied', version: 2 }]);

    // The phone amends what it saw (version 1): its box is sealed for version 2, which the server refuses.
    await reopenReport(phone.db, report.id, 'The phone corrects a name');
    await saveAnswers(phone.db, report.id, answers('Phone words.'));
    await finaliseReport(phone.db, report.id, form);
    await syncOnce(phone.db, () => undefined, phone.connection);

    const refused = pushed().flatMap((p) => p.results.filter((r) => r.status === 'refused'));
    expect(refused).toHaveLength(1);
    const stored = await versions(report.id);
    expect(stored.map((v) => v.version)).toEqual([1, 2, 3]);
    // The tablet's version stays as the one before; the phone's words are version 3, bound to 3.
    expect((await openStored(key, JSON.parse(stored[1]?.sealed ?? 'null'), report.id, 2, form.version)).answers).toEqual(answers('Tablet words.'));
    expect(await openStored(key, JSON.parse(stored[2]?.sealed ?? 'null'), report.id, 3, form.version)).toEqual({ answers: answers('Phone words.'), reason: 'The phone corrects a name' });
    const local = await phone.db.reports.get(report.id);
    expect({ sync: local?.sync, serverVersion: local?.serverVersion, answers: local?.answers, pending: local?.resealPending, version: local?.history?.at(-1)?.version }).toEqual({
      sync: 'sent',
      serverVersion: 3,
      answers: answers('Phone words.'),
      pending: undefined,
      version: 3,
    });
    expect(await pendingCount(phone.db)).toBe(0);
  });
});
