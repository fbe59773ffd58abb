import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * How long the project's phones keep a sent report's contents (issue 10 item 5): any member reads it,
 * only the project's coordinators change it, each change is audited and reaches the devices in the
 * pull's project record, and a value that is not one of the choices is a 400 that changes nothing.
 */
describe.each(testEngines())('the sent-report retention setting on %s', (engine) => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    url = `/api/projects/${server.projectA}/sent-retention`;
  });
  afterAll(async () => {
    await server.close();
  });

  it('is seven days until a coordinator chooses, for every member of the project', async () => {
    const { coord, obs1, obsb } = server.people;
    expect((await server.request(obs1, 'GET', url)).json()).toEqual({ days: 7 });
    expect((await server.request(coord, 'GET', url)).json()).toEqual({ days: 7 });
    expect((await server.request(obsb, 'GET', url)).statusCode).toBe(404);
    expect((await server.request(undefined, 'GET', url)).statusCode).toBe(401);
  });

  it('lets a coordinator choose never, 0, 1 or 30 days; audits each change and delivers it to the project’s devices', async () => {
    const { coord, obs1, obsb } = server.people;
    const cursorA = (await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
    const cursorB = (await server.request(obsb, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
    for (const days of [null, 0, 1, 30]) {
      const answer = await server.request(coord, 'PUT', url, { days });
      expect([answer.statusCode, answer.json()]).toEqual([200, { days }]);
      expect((await server.request(obs1, 'GET', url)).json()).toEqual({ days });
    }
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'project_id', 'target', 'detail']).where('action', '=', 'project.sent_retention').orderBy('id').execute();
    expect(audit.map((a) => [a.actor_id, a.project_id, a.target, JSON.parse(a.detail) as unknown])).toEqual(
      ['never', 0, 1, 30].map((days) => [coord.id, server.projectA, server.projectA, { days }]),
    );
    const pulled = (await server.request(obs1, 'GET', `/api/sync/pull?cursor=${cursorA}`)).json<PullResponse>();
    expect(pulled.changes).toEqual([{ position: expect.any(Number) as unknown, entity: 'project', data: expect.objectContaining({ id: server.projectA, sentRetentionDays: 30 }) as unknown }]);
    expect((await server.request(obsb, 'GET', `/api/sync/pull?cursor=${cursorB}`)).json<PullResponse>().changes).toEqual([]);
    await server.request(coord, 'PUT', url, { days: 7 });
  });

  it('refuses observers (403) and other projects’ people (404), changing nothing', async () => {
    const { obs1, obsb } = server.people;
    const before = await snapshotTables(server.database);
    const observer = await server.request(obs1, 'PUT', url, { days: 0 });
    expect([observer.statusCode, observer.json<{ error: { code: string; params: unknown } }>().error]).toEqual([403, expect.objectContaining({ code: 'forbidden', params: { what: 'sent_retention' } })]);
    expect((await server.request(obsb, 'PUT', url, { days: 0 })).statusCode).toBe(404);
    expect((await server.request(undefined, 'PUT', url, { days: 0 })).statusCode).toBe(401);
    expect(await snapshotTables(server.database)).toEqual(before);
  });

  it.each([[{ days: 3 }], [{ days: -1 }], [{ days: '7' }], [{ days: 7.5 }], [{ days: 1e9 }], [{}], [{ days: 7, extra: true }], [[7]]])('refuses %j with a 400, changing nothing', async (body) => {
    const before = await snapshotTables(server.database);
    const answer = await server.request(server.people.coord, 'PUT', url, body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json<{ error: { code: string } }>().error.code).toMatch(/^(invalid_input|bad_json)$/);
    expect(await snapshotTables(server.database)).toEqual(before);
    expect((await server.request(server.people.coord, 'GET', url)).json()).toEqual({ days: 7 });
  });
});
