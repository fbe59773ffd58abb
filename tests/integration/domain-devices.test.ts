import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../src/server/admin-commands.ts';
import { cliActor } from '../../src/server/domain/audit.ts';
import { managedDevice, orderWipe, revokeDevice } from '../../src/server/domain/devices-enrolment.ts';
import { UserInputError } from '../../src/server/users.ts';
import { testEngines } from '../helpers/databases.ts';
import { AUDIT_FAILURE, withFailingAudit } from '../helpers/failing-audit.ts';
import { addPerson, enrolDevice } from '../helpers/people.ts';
import { startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Revoke and wipe exist once (src/server/domain/devices-enrolment.ts): the coordinator's route and the
 * administrator's command line store the same rows, each with its audit entry in one transaction.
 */
describe.each(testEngines())('revoking and wiping a device, from the API and the command line, on %s', (engine) => {
  let server: TestServer;
  let root: Person;
  beforeAll(async () => {
    server = await startTestServer(engine);
    root = await addPerson(server, 'root', { admin: true });
  });
  afterAll(async () => {
    await server.close();
  });

  const admin = async (...argv: string[]): Promise<void> => {
    await runAdminCommand(server.database, argv, () => undefined);
  };
  const device = (id: string) => server.database.db.selectFrom('devices').select(['revoked_at', 'revoked_by']).where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (target: string) => server.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'project_id', 'detail']).where('target', '=', target).orderBy('id').execute();
  const commandsOf = (id: string) => server.database.db.selectFrom('device_commands').select(['command', 'created_by', 'delivered_at', 'acknowledged_at']).where('device_id', '=', id).execute();

  it('a revoke stores revoked_at, revoked_by and one audit entry, whoever orders it', async () => {
    const viaRoute = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    const viaCli = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    expect((await server.request(server.people.coord, 'POST', `/api/devices/${viaRoute.deviceId}/revoke`)).statusCode).toBe(200);
    await admin('revoke-device', viaCli.deviceId, '--as', 'root');

    expect(await device(viaRoute.deviceId)).toMatchObject({ revoked_at: expect.any(String) as unknown, revoked_by: server.people.coord.id });
    expect(await device(viaCli.deviceId)).toMatchObject({ revoked_at: expect.any(String) as unknown, revoked_by: root.id });
    const revokedEntries = async (id: string) => (await auditOf(id)).filter((e) => e.action === 'device.revoked');
    expect(await revokedEntries(viaRoute.deviceId)).toEqual([{ action: 'device.revoked', actor_id: server.people.coord.id, project_id: server.projectA, detail: '{}' }]);
    expect(await revokedEntries(viaCli.deviceId)).toEqual([{ action: 'device.revoked', actor_id: root.id, project_id: server.projectA, detail: '{"via":"cli"}' }]);

    // Again changes nothing and is not audited twice, from either side.
    await admin('revoke-device', viaRoute.deviceId, '--as', 'root');
    expect((await server.request(server.people.coord, 'POST', `/api/devices/${viaCli.deviceId}/revoke`)).statusCode).toBe(200);
    expect(await device(viaRoute.deviceId)).toMatchObject({ revoked_by: server.people.coord.id });
    expect(await revokedEntries(viaRoute.deviceId)).toHaveLength(1);
    expect(await revokedEntries(viaCli.deviceId)).toHaveLength(1);
  });

  it('a wipe queues one command naming who ordered it, with its audit entry, whoever orders it', async () => {
    const viaRoute = await enrolDevice(server, server.people.coord, server.people.obs2, server.projectA);
    const viaCli = await enrolDevice(server, server.people.coord, server.people.obs2, server.projectA);
    expect((await server.request(server.people.coord, 'POST', `/api/devices/${viaRoute.deviceId}/wipe`)).statusCode).toBe(201);
    await admin('wipe-device', viaCli.deviceId, '--as', 'root');
    const pending = { command: 'wipe', delivered_at: null, acknowledged_at: null };
    expect(await commandsOf(viaRoute.deviceId)).toEqual([{ ...pending, created_by: server.people.coord.id }]);
    expect(await commandsOf(viaCli.deviceId)).toEqual([{ ...pending, created_by: root.id }]);
    expect((await auditOf(viaRoute.deviceId)).filter((e) => e.action === 'device.wipe_ordered')).toEqual([{ action: 'device.wipe_ordered', actor_id: server.people.coord.id, project_id: server.projectA, detail: '{}' }]);
    expect((await auditOf(viaCli.deviceId)).filter((e) => e.action === 'device.wipe_ordered')).toEqual([{ action: 'device.wipe_ordered', actor_id: root.id, project_id: server.projectA, detail: '{"via":"cli"}' }]);

    // A second order while one is pending is the same command, from either side.
    const again = await server.request(server.people.coord, 'POST', `/api/devices/${viaCli.deviceId}/wipe`);
    expect(again.statusCode).toBe(200);
    await admin('wipe-device', viaRoute.deviceId);
    expect(await commandsOf(viaRoute.deviceId)).toHaveLength(1);
    expect(await commandsOf(viaCli.deviceId)).toHaveLength(1);
  });

  it('without --as the command line is recorded as the command line; --as must name an enabled administrator', async () => {
    const enrolled = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    await expect(admin('revoke-device', enrolled.deviceId, '--as', 'coord')).rejects.toThrow(UserInputError);
    expect(await device(enrolled.deviceId)).toEqual({ revoked_at: null, revoked_by: null });
    await admin('revoke-device', enrolled.deviceId);
    expect(await device(enrolled.deviceId)).toMatchObject({ revoked_at: expect.any(String) as unknown, revoked_by: null });
    expect((await auditOf(enrolled.deviceId)).filter((e) => e.action === 'device.revoked')).toEqual([{ action: 'device.revoked', actor_id: null, project_id: server.projectA, detail: '{"via":"cli"}' }]);
  });

  it('a revoke or a wipe whose audit entry cannot be written stores nothing', async () => {
    const enrolled = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    const failing = withFailingAudit(server.database.db);
    const target = await managedDevice(server.database.db, 'administrator', enrolled.deviceId);
    await expect(revokeDevice(failing, cliActor(root.id), target)).rejects.toThrow(AUDIT_FAILURE);
    await expect(orderWipe(failing, cliActor(root.id), target)).rejects.toThrow(AUDIT_FAILURE);
    expect(await device(enrolled.deviceId)).toEqual({ revoked_at: null, revoked_by: null });
    expect(await commandsOf(enrolled.deviceId)).toEqual([]);
    // The same operations on the healthy database work: the failure above was the audit's alone.
    expect(await orderWipe(server.database.db, cliActor(root.id), target)).toMatchObject({ ordered: true });
  });

  it('a coordinator of another project learns nothing of the device (404), and an unknown device is a clear CLI error', async () => {
    const enrolled = await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA);
    const other = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    expect((await server.request(other, 'POST', `/api/devices/${enrolled.deviceId}/revoke`)).json()).toMatchObject({ error: { code: 'not_found', params: { what: 'device' } } });
    await expect(admin('wipe-device', uuidv7())).rejects.toThrow(/no device/);
    expect(await device(enrolled.deviceId)).toEqual({ revoked_at: null, revoked_by: null });
  });
});
