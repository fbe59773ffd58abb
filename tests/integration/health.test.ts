import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestDb, testEngines } from '../helpers/databases.ts';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe.each(testEngines())('health on %s', (engine) => {
  it('reports the version and a reachable database without any secret, and 503 once the database is gone', async () => {
    const database = await createTestDb(engine);
    const app = await buildApp({ database, checkResponses: true });
    try {
      const ok = await app.inject({ method: 'GET', url: '/api/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ status: 'ok', version: packageVersion, protocol: 1, database: { engine, reachable: true } });
      // Nothing that locates or opens the database: no URL, user, password, path or schema.
      for (const secret of [database.url, database.dataDir, database.schema, 'postgres://']) {
        if (secret !== undefined && secret !== '') expect(ok.body).not.toContain(secret);
      }

      await database.db.destroy();
      const down = await app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', database: { engine, reachable: false }, error: { code: 'database_unreachable' } });
    } finally {
      await app.close();
      await database.cleanup();
    }
  });
});
