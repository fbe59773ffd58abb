import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import type { Engine } from '../../src/server/db/connect.ts';
import { publishBuiltInForms } from '../../src/server/forms/publish.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/auth/sessions.ts';
import { addMember, createProject } from '../../src/server/users.ts';
import { createTestDb, type TestDb } from './databases.ts';

export const FORMS_DIR = pathToFileURL(`${process.cwd()}/forms/`);

export const TEST_PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;
function sharedHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

export interface Person {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly cookie: string;
}

/**
 * A server on a fresh database with two projects: A (coordinator "coord", observers "obs1" and "obs2")
 * and B (observer "obsb"). Requests go through Fastify's inject: the real app, no port.
 */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly database: TestDb;
  readonly projectA: string;
  readonly projectB: string;
  readonly people: Record<'coord' | 'obs1' | 'obs2' | 'obsb', Person>;
  request(who: Person | undefined, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `appOptions` passes the app extras such as a logger, an onRoute hook (fuzz and log tests) or trusted proxies. */
export async function startTestServer(engine: Engine, appOptions: Pick<AppOptions, 'logger' | 'onRoute' | 'publicUrl' | 'trustedProxies'> = {}): Promise<TestServer> {
  const database = await createTestDb(engine);
  await publishBuiltInForms(database.db, FORMS_DIR);
  const projectA = await createProject(database.db, 'Project A');
  const projectB = await createProject(database.db, 'Project B');
  // Every test person shares one password, hashed once per run: scrypt is slow on purpose.
  const passwordHash = await sharedHash();
  const make = async (username: string, project: string, role: 'coordinator' | 'observer'): Promise<Person> => {
    const id = uuidv7();
    await database.db
      .insertInto('users')
      .values({ id, username, display_name: `Person ${username}`, password_hash: passwordHash, is_admin: 0, created_at: new Date().toISOString(), disabled_at: null })
      .execute();
    await addMember(database.db, project, id, role);
    return { id, username, password: TEST_PASSWORD, cookie: `${SESSION_COOKIE}=${await createSession(database.db, id)}` };
  };
  const people = {
    coord: await make('coord', projectA, 'coordinator'),
    obs1: await make('obs1', projectA, 'observer'),
    obs2: await make('obs2', projectA, 'observer'),
    obsb: await make('obsb', projectB, 'observer'),
  };
  // Every answer a test provokes is checked against the contract table (src/core/api/contract.ts).
  const app = await buildApp({ database, checkResponses: true, ...appOptions });
  // Like the app's client: a change always goes as JSON, `{}` when it has nothing to say.
  const request: TestServer['request'] = (who, method, url, body = method === 'GET' ? undefined : {}) =>
    app.inject({
      method,
      url,
      headers: who === undefined ? {} : { cookie: who.cookie },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    database,
    projectA,
    projectB,
    people,
    request,
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}

/** A minimal valid hearing report for the built-in hearing form. */
export function hearingAnswers(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { hearing_date: '2026-11-20', monitors_admitted: 'no', summary_text: 'The hearing was closed to monitors.', ...extra };
}

export function caseMutation(seq: number, projectId: string, id = uuidv7(), code = `C-${seq}`) {
  return { seq, entity: 'case', id, baseVersion: 0, payload: { projectId, code, court: 'City court' } } as const;
}

export function reportMutation(seq: number, projectId: string, caseId: string, id = uuidv7(), answers = hearingAnswers(), baseVersion = 0) {
  return {
    seq,
    entity: 'report',
    id,
    baseVersion,
    payload: { projectId, caseId, formId: 'hearing', formVersion: 1, hearingDate: '2026-11-20', answers },
  } as const;
}

/** Row counts of every table: "nothing stored changed" is these being equal before and after. */
export async function tableCounts(database: TestDb): Promise<Record<string, number>> {
  const tables = ['users', 'projects', 'memberships', 'sessions', 'devices', 'push_results', 'cases', 'case_observers', 'reports', 'report_versions', 'forms', 'changes', 'enrolment_codes', 'device_commands'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}
