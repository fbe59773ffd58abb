import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { ConfigError, readConfig } from '../../src/server/config.ts';
import { connect } from '../../src/server/db/connect.ts';
import { testEngines } from '../helpers/databases.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/test-server.ts';

/**
 * Issue 12, security item 6: behind a reverse proxy every client shares the proxy's address, so one
 * client's wrong sign-ins locked out all of them; and counters kept in one process's memory were
 * multiplied by scale-out and forgotten by a restart. Limits are keyed by the real client (as a trusted
 * proxy names it) and by account, and counted in the database.
 */
const PROXY = '10.0.0.2';

describe.each(testEngines())('sign-in and enrolment limits on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { trustedProxies: [PROXY] });
  });
  afterAll(async () => {
    await server.close();
  });

  const signIn = (username: string, password: string, remoteAddress: string, forwardedFor?: string, app = server.app) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password },
      remoteAddress,
      ...(forwardedFor === undefined ? {} : { headers: { 'x-forwarded-for': forwardedFor } }),
    });
  const statuses = async (count: number, attempt: (i: number) => Promise<{ statusCode: number }>): Promise<number[]> => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) seen.push((await attempt(i)).statusCode);
    return seen;
  };

  it('keeps two clients behind a trusted proxy apart: one guessing is slowed, the other signs in', async () => {
    const guesses = await statuses(11, (i) => signIn(`nobody-${i}`, 'guess', PROXY, '203.0.113.10'));
    expect(guesses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(guesses[10]).toBe(429);
    const other = await signIn('obs1', TEST_PASSWORD, PROXY, '203.0.113.11');
    expect(other.statusCode).toBe(200);
    // A client that puts a made-up address first is known by the one the proxy appended.
    const spoofed = await statuses(3, (i) => signIn(`nobody-x${i}`, 'guess', PROXY, `198.51.100.${i}, 203.0.113.10`));
    expect(spoofed).toEqual([429, 429, 429]);
  });

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
    const seen = await statuses(11, (i) => signIn(`stranger-${i}`, 'guess', '192.0.2.50', `198.51.100.${i}`));
    expect(seen[10]).toBe(429);
    expect(JSON.parse((await signIn('stranger', 'guess', '192.0.2.50', '198.51.100.99')).body)).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('slows a guess spread over many addresses on one account, and tells when to try again', async () => {
    const seen = await statuses(11, (i) => signIn('obs2', 'guess', `192.0.2.${100 + i}`));
    expect(seen.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(seen[10]).toBe(429);
    const refused = await signIn('OBS2 ', TEST_PASSWORD, '192.0.2.200');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The account's counter keeps no typed name: only hashes are stored.
    const keys = await server.database.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shares the counter between two server processes on one database, and keeps it across a restart', async () => {
    const { url, schema, dataDir } = server.database;
    const open = () => (engine === 'postgres' ? connect({ databaseUrl: url, dataDir: '', ...(schema === undefined ? {} : { schema }) }) : connect({ databaseUrl: undefined, dataDir: dataDir ?? '' }));
    const otherDb = open();
    const other = await buildApp({ database: otherDb, trustedProxies: [PROXY] });
    const client = '203.0.113.77';
    try {
      // Both at once, five each: all ten are counted, whichever process they reach.
      const both = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(`shared-${i}`, 'guess', PROXY, client, i % 2 === 0 ? server.app : other)));
      expect(both.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 401));
      expect((await signIn('shared-x', 'guess', PROXY, client, server.app)).statusCode).toBe(429);
      expect((await signIn('shared-y', 'guess', PROXY, client, other)).statusCode).toBe(429);
    } finally {
      await other.close();
      await otherDb.close();
    }
    const restartedDb = open();
    const restarted = await buildApp({ database: restartedDb, trustedProxies: [PROXY] });
    try {
      expect((await signIn('shared-z', 'guess', PROXY, client, restarted)).statusCode).toBe(429);
    } finally {
      await restarted.close();
      await restartedDb.close();
    }
  });

  it('limits enrolment per real client too', async () => {
    const enrol = (remoteAddress: string, forwardedFor: string) =>
      server.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: 'aaaa-bbbb-cccc' }, remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
    const seen = await statuses(11, () => enrol(PROXY, '203.0.113.90'));
    expect(seen.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(seen[10]).toBe(429);
    expect((await enrol(PROXY, '203.0.113.91')).statusCode).toBe(400);
  });

  it('limits guessing invitation codes per real client for a new account and per account when signed in: the 11th attempt in a minute gets 429', async () => {
    const accept = (url: string, forwardedFor: string, payload: object, cookie?: string) =>
      server.app.inject({ method: 'POST', url, payload, remoteAddress: PROXY, headers: { 'x-forwarded-for': forwardedFor, ...(cookie === undefined ? {} : { cookie }) } });
    const asNew = (forwardedFor: string) => accept('/api/invitations/accept-new', forwardedFor, { code: 'aaaa-bbbb-cccc', password: 'a long enough passphrase' });
    const signedIn = (forwardedFor: string) => accept('/api/invitations/accept', forwardedFor, { code: 'aaaa-bbbb-cccc' }, server.people.obs1.cookie);
    // A new account is counted by its real address; a signed-in account by the account, wherever it comes from.
    for (const [attempt, address, elsewhere] of [
      [asNew, '203.0.113.100', 400],
      [signedIn, '203.0.113.110', 429],
    ] as const) {
      const seen = await statuses(11, () => attempt(address));
      expect(seen.slice(0, 10)).toEqual(Array<number>(10).fill(400));
      const refused = await attempt(address);
      expect([seen[10], refused.statusCode, refused.json()]).toMatchObject([429, 429, { error: { code: 'rate_limited' } }]);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(`${address.slice(0, -1)}1`)).statusCode).toBe(elsewhere);
    }
  });
});

describe('TRUSTED_PROXY', () => {
  it('trusts nobody by default, and reads addresses, ranges and names', () => {
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(readConfig({ TRUSTED_PROXY: ' 10.0.0.5, 10.0.0.0/8,loopback, fd00::/8 ' }).trustedProxies).toEqual(['10.0.0.5', '10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('refuses what is not an address or a range, naming it', () => {
    for (const bad of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/2', '2', 'true']) {
      expect(() => readConfig({ TRUSTED_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => readConfig({ TRUSTED_PROXY: bad }), bad).toThrow(bad);
    }
  });
});
