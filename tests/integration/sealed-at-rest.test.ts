import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/app/db/cases.ts';
import { latestForms } from '../../src/app/db/forms.ts';
import { pendingCount } from '../../src/app/db/outbox.ts';
import { addNote, finaliseReport, reopenReport, saveAnswers, startReport } from '../../src/app/db/reports.ts';
import { syncOnce } from '../../src/app/sync/sync-once.ts';
import { enrolAppDevice, type AppDevice } from '../helpers/app-device.ts';
import { testEngines, type TestDb } from '../helpers/databases.ts';
import { FaultyNetwork } from '../helpers/faulty-network.ts';
import { addPerson } from '../helpers/people.ts';
import { sealProject } from '../helpers/sealed-project.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** Distinctive words per place they are typed, one set per project, so a hit names its source. */
const wordsFor = (project: string) => ({
  answer: `${project}MarmaladeAnswer`,
  details: `${project}QuinceDetails`,
  reason: `${project}TangerineReason`,
  note: `${project}JuniperNote`,
});

/**
 * Issue 11's first test: the server of a sealed project holds no word of its reports. Two observers fill
 * and send reports with the app's own code (fake-indexeddb) to the real server, one in a sealed project,
 * one in an open project on the same database; then the database's files (SQLite: the file and its
 * write-ahead log) or a pg_dump (PostgreSQL) are searched byte for byte. The open project's words are
 * there (so the search can fail), the sealed project's are not. Quick notes never leave a phone, in
 * either kind of project (src/app/db/README.md).
 */
describe.each(testEngines())('what the server stores of a sealed project on %s', (engine) => {
  let server: TestServer;
  let network: FaultyNetwork;
  const phones: AppDevice[] = [];
  beforeEach(async () => {
    server = await startTestServer(engine);
    network = await FaultyNetwork.open(server.app, server.database);
  });
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.db.delete();
    await network.close();
    await server.close();
  });

  /** Fills a report, sends it, amends it with a reason and sends that, as the observer would. */
  async function fileReport(phone: AppDevice, projectId: string, words: ReturnType<typeof wordsFor>): Promise<void> {
    await syncOnce(phone.db, () => undefined, phone.connection);
    const form = (await latestForms(phone.db)).find((f) => f.id === 'hearing');
    if (form === undefined) throw new Error('the hearing form did not arrive');
    const kase = await createCase(phone.db, { projectId, code: `R-${uuidv7().slice(-6)}`, court: 'Regional court' });
    const report = await startReport(phone.db, kase, form);
    await saveAnswers(phone.db, report.id, { hearing_date: '2026-11-20', monitors_admitted: 'no', monitors_admitted_details: words.details, summary_text: `The court heard ${words.answer}.` });
    await addNote(phone.db, report.id, 'hearing', words.note);
    await finaliseReport(phone.db, report.id, form);
    await syncOnce(phone.db, () => undefined, phone.connection);
    await reopenReport(phone.db, report.id, `Corrected after ${words.reason}`);
    await saveAnswers(phone.db, report.id, { hearing_date: '2026-11-20', monitors_admitted: 'no', monitors_admitted_details: words.details, summary_text: `The court heard ${words.answer} again.` });
    await finaliseReport(phone.db, report.id, form);
    await syncOnce(phone.db, () => undefined, phone.connection);
    expect(await pendingCount(phone.db)).toBe(0);
    expect((await phone.db.reports.get(report.id))?.serverVersion).toBe(2);
  }

  it('finds no word of the sealed project in the database, and every sent word of the open one', async () => {
    await sealProject(server.database.db, server.projectA, server.people.coord.id);
    const coordB = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    const sealedPhone = await enrolAppDevice(network, server.projectA, server.people.coord, server.people.obs1, `rest-a-${engine}-${uuidv7()}`, '10.8.0.1');
    const openPhone = await enrolAppDevice(network, server.projectB, coordB, server.people.obsb, `rest-b-${engine}-${uuidv7()}`, '10.8.0.2');
    phones.push(sealedPhone, openPhone);
    const sealed = wordsFor('Sealed');
    const open = wordsFor('Open');
    await fileReport(sealedPhone, server.projectA, sealed);
    await fileReport(openPhone, server.projectB, open);

    const stored = storedBytes(server.database);
    const hits = (word: string): number => stored.reduce((n, bytes) => n + count(bytes, Buffer.from(word, 'utf8')), 0);
    expect({ answer: hits(sealed.answer), details: hits(sealed.details), reason: hits(sealed.reason), note: hits(sealed.note) }).toEqual({ answer: 0, details: 0, reason: 0, note: 0 });
    expect(hits(open.answer)).toBeGreaterThan(0);
    expect(hits(open.details)).toBeGreaterThan(0);
    expect(hits(open.reason)).toBeGreaterThan(0);
    expect(hits(open.note)).toBe(0);
  });
});

/** Everything the database keeps on disk, as bytes: SQLite's file and its WAL, or a pg_dump of the test's schema. */
function storedBytes(database: TestDb): Buffer[] {
  if (database.engine === 'sqlite') {
    const file = join(database.dataDir ?? '', 'trial-monitor.sqlite');
    // The WAL holds what was committed since the last checkpoint: most of this test's writes.
    return [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
  }
  const url = database.url ?? '';
  const schema = database.schema ?? '';
  return [execFileSync('pg_dump', ['--data-only', '--schema', schema, url], { maxBuffer: 256 * 1024 * 1024 })];
}

function count(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n += 1;
  return n;
}
