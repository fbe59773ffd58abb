import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../src/core/api/reports.ts';
import type { PullResponse, PushResponse, ReviewThread } from '../../src/core/sync/protocol.ts';
import { loadCaseBundle } from '../../src/server/domain/case-bundle.ts';
import { testEngines } from '../helpers/databases.ts';
import { holdChangeLog, waitForBlocked } from '../helpers/pg-blocking.ts';
import { caseMutation, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('review and comments on %s', (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  const reportId = uuidv7();
  const device = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations: [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('asks for clarification (a comment is required), the observer pulls it, replies from the device, and the coordinator approves', async () => {
    const { coord, obs1 } = server.people;
    const cursor = (await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;

    const bare = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'needs_clarification' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ error: { code: 'comment_required' } });

    const asked = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'needs_clarification', comment: 'Who refused entry: bailiffs or police?', commentId: uuidv7(), pin: 'monitors_admitted' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json<ReviewThread>()).toMatchObject({ status: 'needs_clarification', comments: [{ body: 'Who refused entry: bailiffs or police?', pin: 'monitors_admitted', authorRole: 'coordinator' }] });

    const pulled = (await server.request(obs1, 'GET', `/api/sync/pull?cursor=${cursor}`)).json<PullResponse>();
    expect(pulled.changes.map((c) => c.entity)).toEqual(['review']);
    const thread = pulled.changes[0]?.entity === 'review' ? pulled.changes[0].data : undefined;
    expect(thread).toMatchObject({ reportId, status: 'needs_clarification' });

    const replyId = uuidv7();
    const replyMutation = { seq: 3, entity: 'comment', id: replyId, baseVersion: 0, payload: { reportId, body: 'Bailiffs, two of them.', pin: 'monitors_admitted' } };
    const pushed = await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations: [replyMutation] });
    expect(pushed.json<PushResponse>().results).toEqual([{ seq: 3, status: 'applied', version: 1 }]);
    // The same reply again under a new seq (a lost response, re-queued) is one comment.
    const again = await server.request(obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: device, mutations: [{ ...replyMutation, seq: 4 }] });
    expect(again.json<PushResponse>().results).toEqual([{ seq: 4, status: 'unchanged', version: 1 }]);

    const approved = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'approved' });
    const final = approved.json<ReviewThread>();
    expect(final.status).toBe('approved');
    expect(final.comments.map((c) => [c.authorRole, c.body])).toEqual([
      ['coordinator', 'Who refused entry: bailiffs or police?'],
      ['observer', 'Bailiffs, two of them.'],
    ]);
    expect((await loadCaseBundle(server.database.db, caseId)).reports[0]?.reviewStatus).toBe('approved');
    // The received-reports list shows the form's title, the review state and the case page's concern count.
    const listed = (await server.request(coord, 'GET', '/api/reports')).json<{ reports: ReportRow[] }>().reports.find((r) => r.id === reportId);
    const bundled = (await loadCaseBundle(server.database.db, caseId)).reports[0];
    expect(listed).toMatchObject({ reviewStatus: 'approved', concernCount: bundled?.concernCount, formTitle: { en: 'Hearing observation', ru: 'Наблюдение за заседанием' } });

    const reopened = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'received' });
    expect(reopened.json<ReviewThread>().status).toBe('received');
    expect((await server.request(coord, 'GET', '/api/reports')).json<{ reports: ReportRow[] }>().reports.find((r) => r.id === reportId)?.reviewStatus).toBe('received');
  });

  it('lets only the project\'s coordinators review, and only the author or them comment', async () => {
    const { obs1, obs2, obsb } = server.people;
    expect((await server.request(obs1, 'POST', `/api/reports/${reportId}/review`, { status: 'approved' })).statusCode).toBe(404);
    expect((await server.request(obs2, 'GET', `/api/reports/${reportId}/thread`)).statusCode).toBe(404);
    expect((await server.request(obs1, 'GET', `/api/reports/${reportId}/thread`)).statusCode).toBe(200);
    const intruder = await server.request(obsb, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [{ seq: 1, entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId, body: 'hello' } }] });
    expect(intruder.json<PushResponse>().results[0]).toMatchObject({ status: 'refused', code: 'comment_forbidden', reason: 'You may not comment on this report.' });
    const badPin = await server.request(server.people.coord, 'POST', `/api/reports/${reportId}/comments`, { id: uuidv7(), body: 'x', pin: '../etc' });
    expect(badPin.statusCode).toBe(400);
  });
});

/** A coordinator's comment carries the id their app made, so a send retried after a lost answer is stored once. */
describe.each(testEngines())('coordinator comments sent again on %s', (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  const reportId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId), reportMutation(2, server.projectA, caseId, reportId)] });
  });
  afterAll(async () => {
    await server.close();
  });

  const rows = (table: 'comments' | 'changes' | 'audit_log') =>
    server.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n);

  it('stores a comment and a review question sent twice once each, and refuses its id for other words', async () => {
    const { coord } = server.people;
    const comment = { id: uuidv7(), body: 'Which court room?', pin: 'monitors_admitted' };
    expect((await server.request(coord, 'POST', `/api/reports/${reportId}/comments`, comment)).statusCode).toBe(200);
    const counts = [await rows('comments'), await rows('changes'), await rows('audit_log')];
    const again = await server.request(coord, 'POST', `/api/reports/${reportId}/comments`, comment);
    expect(again.statusCode).toBe(200);
    expect(again.json<ReviewThread>().comments.map((c) => c.body)).toEqual(['Which court room?']);
    expect([await rows('comments'), await rows('changes'), await rows('audit_log')]).toEqual(counts);

    const question = { status: 'needs_clarification', comment: 'Who was refused entry?', commentId: uuidv7() };
    expect((await server.request(coord, 'POST', `/api/reports/${reportId}/review`, question)).statusCode).toBe(200);
    const asked = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, question);
    expect(asked.statusCode).toBe(200);
    expect(asked.json<ReviewThread>()).toMatchObject({ status: 'needs_clarification', comments: [{ body: 'Which court room?' }, { body: 'Who was refused entry?' }] });

    const reused = await server.request(coord, 'POST', `/api/reports/${reportId}/comments`, { ...comment, body: 'Other words' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ error: { code: 'comment_id_taken' } });
    const noId = await server.request(coord, 'POST', `/api/reports/${reportId}/comments`, { body: 'No id' });
    expect(noId.statusCode).toBe(400);
    const questionWithoutId = await server.request(coord, 'POST', `/api/reports/${reportId}/review`, { status: 'needs_clarification', comment: 'No id' });
    expect(questionWithoutId.json()).toMatchObject({ error: { code: 'comment_id_required' } });
    expect(await rows('comments')).toBe(2);
  });

  it.skipIf(engine !== 'postgres')('stores one comment when two copies of the send arrive at once (PostgreSQL only: SQLite has a single writer, so copies cannot race)', async () => {
    const { coord } = server.people;
    const comment = { id: uuidv7(), body: 'Sent twice at once.' };
    const held = await holdChangeLog(server.database.db);
    const first = server.request(coord, 'POST', `/api/reports/${reportId}/comments`, comment);
    const [firstPid] = await waitForBlocked(server.database.db, held.pid);
    const second = server.request(coord, 'POST', `/api/reports/${reportId}/comments`, comment);
    await waitForBlocked(server.database.db, firstPid ?? 0);
    await held.commit();
    expect((await Promise.all([first, second])).map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await server.database.db.selectFrom('comments').select('id').where('id', '=', comment.id).execute()).toHaveLength(1);
  });
});
