import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { createSession, SESSION_COOKIE } from '../../src/server/auth/sessions.ts';
import { addMember } from '../../src/server/users.ts';
import type { Person, TestServer } from './test-server.ts';

/** Adds a person straight to the database, with a session: an administrator, or a member of a project. */
export async function addPerson(server: TestServer, username: string, role: { admin: true } | { project: string; role: 'coordinator' | 'observer' }): Promise<Person> {
  const id = uuidv7();
  const hash = await server.database.db.selectFrom('users').select('password_hash').where('username', '=', 'coord').executeTakeFirstOrThrow();
  await server.database.db
    .insertInto('users')
    .values({ id, username, display_name: `Person ${username}`, password_hash: hash.password_hash, is_admin: 'admin' in role ? 1 : 0, created_at: new Date().toISOString(), disabled_at: null })
    .execute();
  if (!('admin' in role)) await addMember(server.database.db, role.project, id, role.role);
  return { id, username, password: 'correct horse battery staple', cookie: `${SESSION_COOKIE}=${await createSession(server.database.db, id)}` };
}

/** A new session cookie for a person (sign-out tests end the old one). */
export async function freshCookie(server: TestServer, person: Person): Promise<string> {
  return `${SESSION_COOKIE}=${await createSession(server.database.db, person.id)}`;
}

export interface EnrolledDevice {
  readonly deviceId: string;
  readonly token: string;
}

/** A coordinator issues a code for an observer and a device redeems it, as the app does. */
export async function enrolDevice(server: TestServer, coordinator: Person, observer: Person, projectId: string): Promise<EnrolledDevice> {
  const issued = await server.request(coordinator, 'POST', `/api/projects/${projectId}/enrolment-codes`, { userId: observer.id });
  if (issued.statusCode !== 201) throw new Error(`issuing a code failed: ${issued.body}`);
  const code = (issued.json<{ code: string }>()).code;
  // Each enrolment from its own address: the rate limit (10 a minute per address) is tested on its own.
  const enrolled = await server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code }, remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  if (enrolled.statusCode !== 201) throw new Error(`enrolment failed: ${enrolled.body}`);
  return enrolled.json<EnrolledDevice>();
}

/** A request with a device token and no cookie. */
export function withToken(server: TestServer, token: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
}
