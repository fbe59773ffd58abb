import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { waitForBlocked } from '../helpers/pg-blocking.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

interface CaseRow {
  id: string;
  code: string;
  reportCount: number;
  concerns: number;
}

describe.each(testEngines())('coordinator cases on %s', (engine) => {
  let server: TestServer;
  const closedCase = uuidv7();
  const openCase = uuidv7();
  const percentCase = uuidv7();
  const closedReport = uuidv7();
  const openReport = uuidv7();

  beforeAll(async () => {
    server = await startTestServer(engine);
    const { obs1, obs2 } = server.people;
    const push = (who: typeof obs1, mutations: readonly object[]) => server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations });
    await push(obs1, [
      caseMutation(1, server.projectA, closedCase, 'KG-CLOSED'),
      reportMutation(2, server.projectA, closedCase, closedReport, hearingAnswers({ monitors_admitted: 'no' })),
      caseMutation(3, server.projectA, percentCase, 'KG-50%'),
    ]);
    const december = reportMutation(2, server.projectA, openCase, openReport, hearingAnswers({ monitors_admitted: 'yes', hearing_date: '2026-12-01' }));
    await push(obs2, [caseMutation(1, server.projectA, openCase, 'KG-OPEN'), { ...december, payload: { ...december.payload, hearingDate: '2026-12-01' } }]);
    const coord = server.people.coord;
    expect((await server.request(coord, 'POST', `/api/reports/${closedReport}/review`, { status: 'approved' })).statusCode).toBe(200);
    const asked = await server.request(coord, 'POST', `/api/reports/${openReport}/review`, { status: 'needs_clarification', comment: 'Was the Ombudsman present?', commentId: uuidv7() });
    expect(asked.statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  const list = async (query = ''): Promise<CaseRow[]> => {
    const response = await server.request(server.people.coord, 'GET', `/api/cases${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{ cases: CaseRow[] }>().cases;
  };
  const codes = (rows: CaseRow[]): string[] => rows.map((r) => r.code).sort();

  it('lists the project\'s cases with report and concern counts', async () => {
    const rows = await list();
    expect(codes(rows)).toEqual(['KG-50%', 'KG-CLOSED', 'KG-OPEN']);
    const closed = rows.find((r) => r.code === 'KG-CLOSED');
    expect(closed?.reportCount).toBe(1);
    expect(closed?.concerns).toBeGreaterThan(0);
    expect(rows.find((r) => r.code === 'KG-OPEN')?.concerns).toBe(0);
  });

  it('filters by concerns, observer, hearing dates and searched text (wildcards taken literally)', async () => {
    expect(codes(await list('?concerns=1'))).toEqual(['KG-CLOSED']);
    expect(codes(await list('?concerns=0'))).toEqual(['KG-50%', 'KG-OPEN']);
    expect(codes(await list(`?observer=${server.people.obs2.id}`))).toEqual(['KG-OPEN']);
    expect(codes(await list('?from=2026-11-25&to=2026-12-31'))).toEqual(['KG-OPEN']);
    expect(codes(await list('?q=kg-clo'))).toEqual(['KG-CLOSED']);
    expect(codes(await list('?q=50%25'))).toEqual(['KG-50%']);
    expect(codes(await list('?q=%25'))).toEqual(['KG-50%']);
  });

  it('filters by review status and finds cases by the words of their comments', async () => {
    expect(codes(await list('?status=approved'))).toEqual(['KG-CLOSED']);
    expect(codes(await list('?status=needs_clarification'))).toEqual(['KG-OPEN']);
    expect(codes(await list('?status=received'))).toEqual([]);
    expect(codes(await list('?q=ombudsman'))).toEqual(['KG-OPEN']);
    expect((await server.request(server.people.coord, 'GET', '/api/cases?status=lost')).statusCode).toBe(400);
  });

  it('offers the coordinator\'s projects and their observers to filter by', async () => {
    const response = await server.request(server.people.coord, 'GET', '/api/cases');
    const body = response.json<{ projects: { id: string }[]; observers: { id: string }[] }>();
    expect(body.projects.map((p) => p.id)).toEqual([server.projectA]);
    expect(body.observers.map((o) => o.id).sort()).toEqual([server.people.obs1.id, server.people.obs2.id].sort());
  });

  it('rejects a bad filter with a clear 400', async () => {
    const response = await server.request(server.people.coord, 'GET', '/api/cases?from=yesterday');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('gives one case with reports, answers, forms, decisions and assessments; and records decisions', async () => {
    const path = 'monitors_admitted';
    const decide = await server.request(server.people.coord, 'POST', `/api/cases/${closedCase}/decisions`, { reportId: closedReport, path, decision: 'confirmed', note: 'Seen by two monitors.' });
    expect(decide.statusCode).toBe(200);
    const assess = await server.request(server.people.coord, 'PUT', `/api/cases/${closedCase}/assessments/iccpr-14-1`, { text: 'The public was excluded without a legal ground.', grade: 'violation' });
    expect(assess.statusCode).toBe(200);
    const bundle = (await server.request(server.people.coord, 'GET', `/api/cases/${closedCase}`)).json<{
      case: { code: string };
      reports: { id: string; answers: unknown; observerName: string }[];
      forms: { id: string }[];
      decisions: unknown[];
      assessments: unknown[];
    }>();
    expect(bundle.case.code).toBe('KG-CLOSED');
    expect(bundle.reports.map((r) => r.id)).toEqual([closedReport]);
    expect(bundle.reports[0]?.answers).toMatchObject({ monitors_admitted: 'no' });
    expect(bundle.forms.map((f) => f.id)).toEqual(['hearing']);
    expect(bundle.decisions).toEqual([{ reportId: closedReport, path, decision: 'confirmed', note: 'Seen by two monitors.' }]);
    expect(bundle.assessments).toEqual([{ rightId: 'iccpr-14-1', text: 'The public was excluded without a legal ground.', grade: 'violation' }]);

    await server.request(server.people.coord, 'POST', `/api/cases/${closedCase}/decisions`, { reportId: closedReport, path, decision: 'open' });
    const reopened = (await server.request(server.people.coord, 'GET', `/api/cases/${closedCase}`)).json<{ decisions: unknown[] }>();
    expect(reopened.decisions).toEqual([]);
  });

  it.skipIf(engine !== 'postgres')('records one decision when two copies of it arrive at once (PostgreSQL only: SQLite has a single writer, so copies cannot race)', async () => {
    const decision = { reportId: openReport, path: 'monitors_admitted', decision: 'dismissed', note: 'Sent twice.' };
    const send = () => server.request(server.people.coord, 'POST', `/api/cases/${openCase}/decisions`, decision);
    // The test holds the report's row: both copies get as far as writing their decision, then queue on it (the key check).
    const held = await server.database.db.startTransaction().execute();
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(held);
    await held.selectFrom('reports').select('id').where('id', '=', openReport).forUpdate().execute();
    const copies = [send()];
    const [firstPid] = await waitForBlocked(server.database.db, rows[0]?.pid ?? 0);
    copies.push(send());
    // PostgreSQL queues the second waiter for a row behind the first.
    await waitForBlocked(server.database.db, firstPid ?? 0);
    await held.commit().execute();
    expect((await Promise.all(copies)).map((r) => r.statusCode)).toEqual([200, 200]);
    const stored = await server.database.db.selectFrom('finding_decisions').select(['decision', 'note']).where('report_id', '=', openReport).execute();
    expect(stored).toEqual([{ decision: 'dismissed', note: 'Sent twice.' }]);
  });

  it('refuses a decision on a report of another case, and hides cases from observers and other projects', async () => {
    const wrong = await server.request(server.people.coord, 'POST', `/api/cases/${openCase}/decisions`, { reportId: closedReport, path: 'x', decision: 'dismissed' });
    expect(wrong.statusCode).toBe(404);
    expect((await server.request(server.people.obs1, 'GET', '/api/cases')).statusCode).toBe(403);
    expect((await server.request(server.people.obs1, 'GET', `/api/cases/${closedCase}`)).statusCode).toBe(404);
    expect((await server.request(server.people.obsb, 'GET', `/api/cases/${closedCase}`)).statusCode).toBe(404);
  });
});

describe.each(testEngines())('the thematic view on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    const { obs1 } = server.people;
    const caseA = uuidv7();
    const dated = (seq: number, caseId: string, date: string, admitted: string) => {
      const m = reportMutation(seq, server.projectA, caseId, uuidv7(), hearingAnswers({ hearing_date: date, monitors_admitted: admitted }));
      return { ...m, payload: { ...m.payload, hearingDate: date } };
    };
    // October: two hearings, one closed to monitors (seen by two observers: it counts once). November: one open hearing.
    await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseA), dated(2, caseA, '2026-10-01', 'no'), dated(3, caseA, '2026-10-08', 'yes'), dated(4, caseA, '2026-11-05', 'yes')] });
    await server.request(server.people.coord, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [dated(1, caseA, '2026-10-01', 'no')] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts hearings per month and, per right, the hearings with a concern', async () => {
    const response = await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/themes`);
    expect(response.statusCode).toBe(200);
    const themes = response.json<{ months: string[]; hearings: number[]; rights: { right: string; hearings: number[] }[] }>();
    expect(themes.months).toEqual(['2026-10', '2026-11']);
    expect(themes.hearings).toEqual([2, 1]);
    expect(themes.rights.find((r) => r.right === 'iccpr-14-1')?.hearings).toEqual([1, 0]);
    expect((await server.request(server.people.obs1, 'GET', `/api/projects/${server.projectA}/themes`)).statusCode).toBe(404);
    expect((await server.request(server.people.coord, 'GET', `/api/projects/${server.projectB}/themes`)).statusCode).toBe(404);
  });
});
