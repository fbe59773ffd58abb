import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { connect, type Db } from '../../src/server/db/connect.ts';
import { testEngines } from '../helpers/databases.ts';
import { waitForBlocked, type HeldLock } from '../helpers/pg-blocking.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Two invitations for one username (a coordinator sent a second note, or two coordinators each invited
 * the person), accepted at the same moment as new accounts: one account is made, and the other person
 * gets the clear 409 username_taken, never a unique-key 500. On PostgreSQL two server processes share
 * one schema and the test orders them: a lock it holds on the project row (which adding the membership
 * needs, after the account row is written) keeps the first acceptance open with its account uncommitted,
 * while the second passes the "is the name free" check and queues on the username's unique key behind it.
 * SQLite runs one writing transaction at a time, so there the second always sees the first's account.
 */
describe.each(testEngines())('two new-account acceptances of one username at once, on %s', (engine) => {
  let server: TestServer;
  let secondDb: Db | undefined;
  let second: FastifyInstance;
  let address = 0;
  beforeAll(async () => {
    server = await startTestServer(engine);
    if (engine === 'postgres') {
      secondDb = connect({ databaseUrl: server.database.url, dataDir: '', ...(server.database.schema === undefined ? {} : { schema: server.database.schema }) });
      second = await buildApp({ database: secondDb });
    } else {
      second = server.app;
    }
  });
  afterAll(async () => {
    if (secondDb !== undefined) {
      await second.close();
      await secondDb.close();
    }
    await server.close();
  });

  const invite = async (username: string): Promise<string> => {
    const response = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/people`, { username, role: 'observer' });
    expect(response.statusCode).toBe(201);
    return response.json<{ code: string }>().code;
  };
  const acceptNew = (app: FastifyInstance, code: string, password: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url: '/api/invitations/accept-new', payload: { code, password }, remoteAddress: `10.8.0.${(address += 1)}` });

  /** The project row locked as adding a membership cannot pass (its foreign-key check takes a share lock on it). */
  const holdProject = async (): Promise<HeldLock> => {
    const trx = await server.database.db.startTransaction().execute();
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    await trx.selectFrom('projects').select('id').where('id', '=', server.projectA).forUpdate().execute();
    return { pid: rows[0]?.pid ?? 0, trx, commit: () => trx.commit().execute() };
  };
  const race = async (first: () => Promise<LightMyRequestResponse>, then: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]> => {
    if (engine !== 'postgres') return Promise.all([first(), then()]);
    const held = await holdProject();
    const one = first();
    const [firstPid] = await waitForBlocked(server.database.db, held.pid);
    const two = then();
    await waitForBlocked(server.database.db, firstPid ?? 0);
    await held.commit();
    return Promise.all([one, two]);
  };

  it('makes one account and answers the other person 409 username_taken', async () => {
    const [firstCode, secondCode] = [await invite('samira'), await invite('samira')];
    const [a, b] = await race(
      () => acceptNew(server.app, firstCode, 'the first long passphrase'),
      () => acceptNew(second, secondCode, 'the second long passphrase'),
    );
    expect([a?.statusCode, b?.statusCode], `${a?.body ?? ''} / ${b?.body ?? ''}`).toEqual([201, 409]);
    expect(b?.json()).toMatchObject({ error: { code: 'username_taken', message: expect.stringContaining('"samira"') as unknown } });
    const { db } = server.database;
    expect(await db.selectFrom('users').select('username').where('username', '=', 'samira').execute()).toHaveLength(1);
    // The refused acceptance changed nothing: its code is still open, for the person to use signed in.
    const open = await db.selectFrom('invitations').select('accepted_at').where('username', '=', 'samira').orderBy('accepted_at').execute();
    expect(open.map((i) => i.accepted_at === null).sort()).toEqual([false, true]);
    const signIn = await server.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'samira', password: 'the first long passphrase' }, remoteAddress: '10.8.1.1' });
    expect(signIn.statusCode).toBe(200);
  });
});
