import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle, CaseList, CaseOpened, CasesMerged } from '../../src/core/api/cases.ts';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { addMember } from '../../src/server/users.ts';
import type * as v from 'valibot';
import { testEngines } from '../helpers/databases.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { caseMutation, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

type Bundle = v.InferOutput<typeof CaseBundle>;

/**
 * Two observers open the same trial offline (one code, two cases); the case list flags both, and the
 * coordinator merges one into the other: reports, reviews, register, assessments, recommendations and
 * assignments move, the merge is audited, devices learn it; bad merges change nothing stored.
 */
describe.each(testEngines())('opening and merging cases on %s', (engine) => {
  let server: TestServer;
  const kept = uuidv7();
  const merged = uuidv7();
  const keptReport = uuidv7();
  const movedReport = uuidv7();
  const otherProjectCase = uuidv7();
  let obs2Cursor = 0;

  beforeAll(async () => {
    server = await startTestServer(engine);
    const { obs1, obs2, obsb, coord } = server.people;
    await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, kept, 'KG-17'), reportMutation(2, server.projectA, kept, keptReport)] });
    await server.request(obs2, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, merged, ' kg-17'), reportMutation(2, server.projectA, merged, movedReport)] });
    await server.request(obsb, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectB, otherProjectCase, 'KG-17')] });
    // The coordinator's work on both halves, which must all survive the merge.
    await server.request(coord, 'POST', `/api/reports/${movedReport}/review`, { status: 'approved' });
    await server.request(coord, 'POST', `/api/cases/${kept}/people`, { code: 'D1', role: 'defendant', name: 'Иванов Пётр' });
    await server.request(coord, 'POST', `/api/cases/${merged}/people`, { code: 'D1', role: 'defendant', name: 'иванов пётр' });
    await server.request(coord, 'POST', `/api/cases/${merged}/people`, { code: 'W1', role: 'witness', name: 'Смирнова Анна' });
    await server.request(coord, 'PUT', `/api/cases/${kept}/assessments/fair-hearing`, { text: 'Kept case view.', grade: 'concern' });
    await server.request(coord, 'PUT', `/api/cases/${merged}/assessments/fair-hearing`, { text: 'Merged case view.' });
    await server.request(coord, 'PUT', `/api/cases/${merged}/assessments/public-hearing`, { text: 'Only in the merged case.' });
    await server.request(coord, 'PUT', `/api/cases/${merged}/recommendations`, { text: 'Admit monitors.' });
    obs2Cursor = (await server.request(obs2, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
  });
  afterAll(async () => {
    await server.close();
  });

  it('flags the two cases of one code in a project (case and spaces aside), not a lone case or another project\'s', async () => {
    const list = (await server.request(server.people.coord, 'GET', '/api/cases')).json<v.InferOutput<typeof CaseList>>();
    const flags = Object.fromEntries(list.cases.map((c) => [c.id, c.duplicateCode]));
    expect(flags).toEqual({ [kept]: true, [merged]: true });
  });

  it('lets a coordinator open a case, naming the cases that already have its code', async () => {
    const opened = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/cases`, { code: 'KG-17', court: 'Regional court' });
    expect(opened.statusCode).toBe(200);
    const { id, duplicates } = opened.json<v.InferOutput<typeof CaseOpened>>();
    expect(duplicates.sort()).toEqual([kept, merged].sort());
    expect((await server.request(server.people.coord, 'GET', `/api/cases/${id}`)).json<Bundle>().case).toMatchObject({ code: 'KG-17', court: 'Regional court' });
    const audit = await server.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target', '=', id).where('action', '=', 'case.open').execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'case.open', actor_id: server.people.coord.id })]);
    const empty = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/cases`, { code: '   ', court: '' });
    expect(empty.statusCode).toBe(400);
    await server.request(server.people.coord, 'POST', `/api/cases/${id}/merge`, { into: kept });
  });

  it('refuses a merge into itself, across projects, or over a register code naming two people, changing nothing', async () => {
    const { coord } = server.people;
    await addMember(server.database.db, server.projectB, coord.id, 'coordinator');
    const before = await snapshotTables(server.database);
    const itself = await server.request(coord, 'POST', `/api/cases/${merged}/merge`, { into: merged });
    expect([itself.statusCode, itself.json<{ error: { code: string } }>().error.code]).toEqual([400, 'merge_into_itself']);
    const across = await server.request(coord, 'POST', `/api/cases/${merged}/merge`, { into: otherProjectCase });
    expect([across.statusCode, across.json<{ error: { code: string } }>().error.code]).toEqual([400, 'merge_across_projects']);
    const unknown = await server.request(coord, 'POST', `/api/cases/${merged}/merge`, { into: uuidv7() });
    expect(unknown.statusCode).toBe(404);
    expect(await snapshotTables(server.database)).toEqual(before);

    const clash = uuidv7();
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, clash, 'KG-99')] });
    await server.request(coord, 'POST', `/api/cases/${clash}/people`, { code: 'D1', role: 'defendant', name: 'Петров Иван' });
    const beforeClash = await snapshotTables(server.database);
    const conflict = await server.request(coord, 'POST', `/api/cases/${clash}/merge`, { into: kept });
    expect([conflict.statusCode, conflict.json<{ error: { code: string; params: unknown } }>().error]).toEqual([409, expect.objectContaining({ code: 'merge_register_conflict', params: { code: 'D1' } })]);
    expect(await snapshotTables(server.database)).toEqual(beforeClash);
  });

  it('moves reports, reviews, register, assessments, recommendations and assignments, audits it, and tells devices', async () => {
    const { coord, obs2 } = server.people;
    const answer = await server.request(coord, 'POST', `/api/cases/${merged}/merge`, { into: kept });
    expect(answer.statusCode).toBe(200);
    expect(answer.json<v.InferOutput<typeof CasesMerged>>()).toEqual({ into: kept, reports: 1 });

    expect((await server.request(coord, 'GET', `/api/cases/${merged}`)).statusCode).toBe(404);
    const bundle = (await server.request(coord, 'GET', `/api/cases/${kept}`)).json<Bundle>();
    expect(Object.fromEntries(bundle.reports.map((r) => [r.id, r.reviewStatus]))).toEqual({ [keptReport]: 'received', [movedReport]: 'approved' });
    expect(bundle.register?.map((p) => p.code).sort()).toEqual(['D1', 'W1']);
    expect(Object.fromEntries(bundle.assessments.map((a) => [a.rightId, [a.text, a.grade]]))).toEqual({
      'fair-hearing': ['Kept case view.\n\nMerged case view.', 'concern'],
      'public-hearing': ['Only in the merged case.', null],
    });
    expect(bundle.recommendations).toBe('Admit monitors.');
    const observers = await server.database.db.selectFrom('case_observers').select('user_id').where('case_id', '=', kept).execute();
    expect(observers.map((o) => o.user_id).sort()).toEqual([server.people.obs1.id, obs2.id].sort());

    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'case.merge').where('target', '=', kept).execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.detail) as unknown])).toContainEqual([coord.id, { from: merged, fromCode: 'kg-17', intoCode: 'KG-17', reports: 1 }]);

    // obs2's device learns the kept case (now assigned) and its report under it.
    const pulled = (await server.request(obs2, 'GET', `/api/sync/pull?cursor=${obs2Cursor}`)).json<PullResponse>();
    expect(pulled.changes.find((c) => c.entity === 'case')?.data).toMatchObject({ id: kept, code: 'KG-17' });
    expect(pulled.changes.find((c) => c.entity === 'report')?.data).toMatchObject({ id: movedReport, caseId: kept });
    // ...and that the merged case went into it, after the kept case and the moved report (its phone drops the empty case).
    expect(pulled.changes.map((c) => c.entity)).toEqual(['case', 'report', 'case_merge']);
    expect(pulled.changes.at(-1)).toMatchObject({ entity: 'case_merge', data: { id: merged, into: kept, projectId: server.projectA } });
    // obs1 never held the merged case and obsb is in another project: neither is told.
    const { obs1, obsb } = server.people;
    expect((await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().changes.filter((c) => c.entity === 'case_merge')).toEqual([]);
    expect((await server.request(obsb, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().changes.filter((c) => c.entity === 'case_merge')).toEqual([]);

    const list = (await server.request(coord, 'GET', '/api/cases')).json<v.InferOutput<typeof CaseList>>();
    expect(list.cases.find((c) => c.id === kept)?.duplicateCode).toBe(false);
  });
});
