import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { addMember } from '../../src/server/users.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson } from '../helpers/people.ts';
import { caseMutation, hearingAnswers, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Issue 10 item 7: the app's sync pulls with scope=own, so a coordinator (or administrator) who also
 * observes stores only their own work on the device, never the other observers' reports of their projects,
 * while scope=all (the API's default) still carries everything their role may read.
 */
describe.each(testEngines())('the pull scope on %s', (engine) => {
  let server: TestServer;
  let coordObserver: Person;
  const theirs = 'Obs1 saw the judge Qzvrtkl leave the room';
  const mine = 'Own note Wxplmr about the hearing';
  let ownReport = '';
  let otherReport = '';

  const push = async (who: Person, mutations: unknown[]): Promise<void> => {
    const answer = await server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations });
    expect(answer.statusCode).toBe(200);
  };
  const pullAll = async (who: Person, scope: string): Promise<PullResponse['changes']> => {
    const changes: PullResponse['changes'][number][] = [];
    for (let cursor = 0, more = true; more; ) {
      const page = await server.request(who, 'GET', `/api/sync/pull?cursor=${cursor}${scope}`);
      expect(page.statusCode).toBe(200);
      const body = page.json<PullResponse>();
      changes.push(...body.changes);
      cursor = body.cursor;
      more = body.hasMore;
    }
    return changes;
  };
  const reportIds = (changes: PullResponse['changes']): string[] => changes.flatMap((c) => (c.entity === 'report' ? [c.data.id] : [])).sort();

  beforeAll(async () => {
    server = await startTestServer(engine);
    // Coordinates project A and observes there too (and so may file reports of their own).
    coordObserver = await addPerson(server, 'coord-observer', { project: server.projectA, role: 'coordinator' });
    await addMember(server.database.db, server.projectB, coordObserver.id, 'observer');
    const theirCase = uuidv7();
    otherReport = uuidv7();
    await push(server.people.obs1, [caseMutation(1, server.projectA, theirCase), reportMutation(2, server.projectA, theirCase, otherReport, hearingAnswers({ summary_text: theirs }))]);
    const myCase = uuidv7();
    ownReport = uuidv7();
    await push(coordObserver, [caseMutation(1, server.projectB, myCase), reportMutation(2, server.projectB, myCase, ownReport, hearingAnswers({ summary_text: mine }))]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('scope=own carries only the caller’s own reports, for a coordinator and for an administrator', async () => {
    const own = await pullAll(coordObserver, '&scope=own');
    expect(reportIds(own)).toEqual([ownReport]);
    expect(JSON.stringify(own)).not.toContain(theirs);
    // Nothing of the coordinated project's cases either (the person is assigned to none of them).
    expect(own.some((c) => c.entity === 'case' && JSON.stringify(c.data).includes(server.projectA))).toBe(false);

    const admin = await addPerson(server, 'admin-puller', { admin: true });
    expect(reportIds(await pullAll(admin, '&scope=own'))).toEqual([]);
    expect(reportIds(await pullAll(server.people.coord, '&scope=own'))).toEqual([]);
  });

  it('scope=all (the default) still carries what the role may read', async () => {
    expect(reportIds(await pullAll(coordObserver, ''))).toEqual([ownReport, otherReport].sort());
    expect(reportIds(await pullAll(server.people.coord, '&scope=all'))).toEqual([otherReport]);
  });

  it('refuses an unknown scope and changes nothing', async () => {
    const answer = await server.request(coordObserver, 'GET', '/api/sync/pull?cursor=0&scope=everyone');
    expect(answer.statusCode).toBe(400);
  });
});
