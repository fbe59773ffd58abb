import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, routeKey } from '../../src/core/api/contract.ts';
import type { RouteContract } from '../../src/core/api/route.ts';
import { createTestDb, type TestDb } from '../helpers/databases.ts';
import { buildApp } from '../../src/server/app.ts';

/**
 * The route table (src/core/api/contract.ts) is the API: the server registers every route in it and no
 * other under /api. Fastify's onRoute hook lists what is registered, as it is registered; the
 * authorization matrix and the fuzz test iterate the table, so a route missing from it would escape both.
 */
describe('the routes the server registers', () => {
  let database: TestDb;
  const registered: string[] = [];
  beforeAll(async () => {
    database = await createTestDb('sqlite');
    const app = await buildApp({
      database,
      onRoute: (route: RouteOptions) => {
        // Fastify adds a HEAD twin for every GET; the GET stands for both.
        for (const method of [route.method].flat()) if (route.url.startsWith('/api/') && method !== 'HEAD') registered.push(`${method} ${route.url}`);
      },
    });
    await app.ready();
    await app.close();
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it('are exactly the routes of the table, each once', () => {
    const table = Object.values(contract).map((entry: RouteContract) => routeKey(entry));
    expect([...registered].sort()).toEqual([...table].sort());
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('name every path parameter in the entry that declares it', () => {
    for (const entry of Object.values(contract) as RouteContract[]) {
      const inPath = (entry.path.match(/:[A-Za-z]+/g) ?? []).map((p) => p.slice(1)).sort();
      const declared = entry.params === undefined ? [] : Object.keys((entry.params as unknown as { entries: Record<string, unknown> }).entries).sort();
      expect(declared, routeKey(entry)).toEqual(inPath);
    }
  });
});
