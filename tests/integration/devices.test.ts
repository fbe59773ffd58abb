import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, withToken } from '../helpers/people.ts';
import { caseMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

const push = (deviceId: string, mutations: unknown[]) => ({ protocol: 1, deviceId, mutations });

describe.each(testEngines())('device enrolment, tokens, revocation and wipe on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('enrols a device with a one-time code; the token alone syncs, and only its hash is stored', async () => {
    const { coord, obs1 } = server.people;
    const issued = await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: obs1.id });
    expect(issued.statusCode).toBe(201);
    const { code, enrolPath } = issued.json<{ code: string; enrolPath: string }>();
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(enrolPath).toBe(`/enrol#code=${code}`);
    // No PUBLIC_URL configured: the coordinator's screen falls back to its own address (and warns about it).
    expect(issued.json<{ publicUrl: unknown }>().publicUrl).toBeNull();

    // Typed with capitals and spaces, as people do.
    const enrolled = await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: ` ${code.toUpperCase().replace(/-/g, ' ')} ` } });
    expect(enrolled.statusCode).toBe(201);
    const { deviceId, token } = enrolled.json<{ deviceId: string; token: string }>();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const again = await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'bad_enrolment_code' } });

    const stored = await server.database.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).toMatchObject({ user_id: obs1.id, project_id: server.projectA, revoked_at: null });
    const codes = await server.database.db.selectFrom('enrolment_codes').selectAll().execute();
    expect(codes.map((c) => c.id)).not.toContain(code);

    const me = await withToken(server, token, 'GET', '/api/me');
    expect(me.json()).toMatchObject({ user: { id: obs1.id }, deviceId });
    const pushed = await withToken(server, token, 'POST', '/api/sync/push', push(deviceId, [caseMutation(1, server.projectA)]));
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json<PushResponse>().results[0]?.status).toBe('applied');
    const pulled = await withToken(server, token, 'GET', '/api/sync/pull?cursor=0');
    expect(pulled.json<PullResponse>().changes.some((c) => c.entity === 'case')).toBe(true);
    const device = await server.database.db.selectFrom('devices').select('last_sync_at').where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(device.last_sync_at).not.toBeNull();
  });

  it('gives a device token observer rights only, and refuses another device id in its pushes', async () => {
    // obs1 is also made coordinator of project B: the token must not carry that.
    const { coord, obs1 } = server.people;
    const { deviceId, token } = await enrolDevice(server, coord, obs1, server.projectA);
    await server.database.db.insertInto('memberships').values({ project_id: server.projectB, user_id: obs1.id, role: 'coordinator' }).execute();
    try {
      expect((await withToken(server, token, 'GET', '/api/reports')).statusCode).toBe(403);
      expect((await withToken(server, token, 'GET', `/api/projects/${server.projectB}/devices`)).statusCode).toBe(403);
      const me = await withToken(server, token, 'GET', '/api/me');
      expect(me.json<{ projects: { role: string }[] }>().projects.map((p) => p.role)).toEqual(['observer']);
    } finally {
      await server.database.db.deleteFrom('memberships').where('project_id', '=', server.projectB).where('user_id', '=', obs1.id).execute();
    }
    const other = await withToken(server, token, 'POST', '/api/sync/push', push(uuidv7(), [caseMutation(1, server.projectA)]));
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'device_mismatch' } });
    expect(deviceId).toBeTypeOf('string');
  });

  it('issues codes only to observers of the project, for its coordinators', async () => {
    const { coord, obs1, obsb } = server.people;
    const before = await tableCounts(server.database);
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: obsb.id })).json()).toMatchObject({ error: { code: 'not_an_observer' } });
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: coord.id })).statusCode).toBe(400);
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectB}/enrolment-codes`, { userId: obsb.id })).statusCode).toBe(403);
    expect((await server.request(obs1, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: obs1.id })).statusCode).toBe(403);
    expect((await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: 'nope' })).json()).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await tableCounts(server.database)).toEqual(before);
    expect(await server.database.db.selectFrom('enrolment_codes').select('id').where('user_id', '=', obsb.id).execute()).toEqual([]);
  });

  it('refuses an expired code', async () => {
    const { coord, obs2 } = server.people;
    const issued = (await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: obs2.id })).json<{ code: string }>();
    await server.database.db.updateTable('enrolment_codes').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', obs2.id).execute();
    const response = await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: issued.code } });
    expect(response.json()).toMatchObject({ error: { code: 'bad_enrolment_code' } });
  });

  it('revokes a device at once: 401 device_revoked on push and pull, also through a password session', async () => {
    const { coord, obs2 } = server.people;
    const { deviceId, token } = await enrolDevice(server, coord, obs2, server.projectA);
    expect((await withToken(server, token, 'GET', '/api/sync/pull?cursor=0')).statusCode).toBe(200);
    expect((await server.request(coord, 'POST', `/api/devices/${deviceId}/revoke`, {})).statusCode).toBe(200);
    for (const response of [
      await withToken(server, token, 'GET', '/api/sync/pull?cursor=0'),
      await withToken(server, token, 'POST', '/api/sync/push', push(deviceId, [caseMutation(1, server.projectA)])),
      await withToken(server, token, 'GET', '/api/me'),
      await server.request(obs2, 'GET', `/api/sync/pull?cursor=0&deviceId=${deviceId}`),
      await server.request(obs2, 'POST', '/api/sync/push', push(deviceId, [caseMutation(1, server.projectA)])),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'device_revoked' } });
    }
    const devices = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/devices`)).json<{ devices: { id: string; state: string; username: string }[] }>();
    expect(devices.devices.find((d) => d.id === deviceId)).toMatchObject({ state: 'revoked', username: 'obs2' });
    // The other project's coordinator learns nothing of this device.
    const coordB = await addPerson(server, 'coordb-revoke', { project: server.projectB, role: 'coordinator' });
    expect((await server.request(coordB, 'POST', `/api/devices/${deviceId}/revoke`, {})).statusCode).toBe(404);
  });

  it('delivers a wipe on the next pull, records delivery and acknowledgement, then the token stops working', async () => {
    const { coord, obs1 } = server.people;
    const { deviceId, token } = await enrolDevice(server, coord, obs1, server.projectA);
    const ordered = await server.request(coord, 'POST', `/api/devices/${deviceId}/wipe`, {});
    expect(ordered.statusCode).toBe(201);
    const { commandId } = ordered.json<{ commandId: string }>();
    // Ordering twice does not queue two wipes.
    expect((await server.request(coord, 'POST', `/api/devices/${deviceId}/wipe`, {})).json()).toMatchObject({ commandId });

    const page = (await withToken(server, token, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>();
    expect(page.changes[0]).toMatchObject({ entity: 'command', data: { id: commandId, command: 'wipe' } });
    let state = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/devices`)).json<{ devices: { id: string; state: string; wipe: { deliveredAt: string | null } | null }[] }>();
    expect(state.devices.find((d) => d.id === deviceId)).toMatchObject({ state: 'wipe_pending', wipe: { deliveredAt: expect.any(String) as unknown } });

    // Another device of the same user cannot acknowledge it.
    const other = await enrolDevice(server, coord, obs1, server.projectA);
    expect((await withToken(server, other.token, 'POST', `/api/devices/commands/${commandId}/ack`, { deviceId })).statusCode).toBe(404);

    expect((await withToken(server, token, 'POST', `/api/devices/commands/${commandId}/ack`, { deviceId })).statusCode).toBe(200);
    state = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/devices`)).json();
    expect(state.devices.find((d) => d.id === deviceId)).toMatchObject({ state: 'wiped' });
    expect((await withToken(server, token, 'GET', '/api/sync/pull?cursor=0')).json()).toMatchObject({ error: { code: 'device_revoked' } });
  });

  it('still delivers a wipe to a revoked device, and nothing else', async () => {
    const { coord, obs2 } = server.people;
    const { deviceId, token } = await enrolDevice(server, coord, obs2, server.projectA);
    await server.request(coord, 'POST', `/api/devices/${deviceId}/revoke`, {});
    await server.request(coord, 'POST', `/api/devices/${deviceId}/wipe`, {});
    const page = await withToken(server, token, 'GET', '/api/sync/pull?cursor=0');
    expect(page.statusCode).toBe(200);
    expect(page.json<PullResponse>().changes.map((c) => c.entity)).toEqual(['command']);
    // Revoked means no data in and out, wipe or not.
    expect((await withToken(server, token, 'POST', '/api/sync/push', push(deviceId, [caseMutation(1, server.projectA)]))).statusCode).toBe(401);
    expect((await withToken(server, token, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('limits enrolment attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: `guess-${i}` }, remoteAddress: '192.0.2.7' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses).toContain(429);
  });
});

describe('enrolment links on the public address (PUBLIC_URL)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { publicUrl: 'https://monitor.example.org' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('tells the coordinator’s screen the public address, whatever address its browser used', async () => {
    const issued = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: server.people.obs1.id });
    expect(issued.statusCode).toBe(201);
    expect(issued.json<{ publicUrl: unknown }>().publicUrl).toBe('https://monitor.example.org');
  });
});
