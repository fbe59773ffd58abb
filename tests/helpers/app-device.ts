import { contract } from '../../src/core/api/contract.ts';
import { call } from '../../src/app/base/api/call.ts';
import type { Connection } from '../../src/app/base/api/client.ts';
import { adoptDeviceId } from '../../src/app/db/adopt-device-id.ts';
import { DeviceDatabase } from '../../src/app/db/database.ts';
import type { FaultyNetwork } from './faulty-network.ts';
import type { Person } from './test-server.ts';
import { testDataKey } from './data-key.ts';

/** One simulated phone: the app's own device database (on fake-indexeddb) and its own connection. */
export interface AppDevice {
  readonly name: string;
  readonly db: DeviceDatabase;
  readonly connection: Connection;
  readonly deviceId: string;
}

/**
 * Enrols a phone as the app does (account.ts `enrol`): the coordinator issues a one-time code for the
 * observer, the phone redeems it at /api/enrol, asks /api/me who it is, and takes on the server's device
 * id in its database. Its database is named per phone, not per user as in the app, because two phones
 * of one observer live in this one process. The network does no harm while this happens.
 */
export async function enrolAppDevice(network: FaultyNetwork, projectId: string, coordinator: Person, observer: Person, name: string, address: string): Promise<AppDevice> {
  const issued = await network.app.inject({ method: 'POST', url: `/api/projects/${projectId}/enrolment-codes`, headers: { cookie: coordinator.cookie }, payload: { userId: observer.id } });
  if (issued.statusCode !== 201) throw new Error(`issuing a code failed: ${issued.body}`);
  const connection = network.connect(name, address);
  const enrolled = await call(contract.enrol, { body: { code: issued.json<{ code: string }>().code } }, connection);
  connection.token = enrolled.token;
  const me = await call(contract.me, {}, connection);
  if (me.user.id !== observer.id) throw new Error(`the phone was enrolled for ${me.user.id}, not ${observer.id}`);
  const db = new DeviceDatabase(`${name}-${enrolled.deviceId}`, await testDataKey());
  await adoptDeviceId(db, enrolled.deviceId);
  return { name, db, connection, deviceId: enrolled.deviceId };
}
