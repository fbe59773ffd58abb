import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../src/core/export/case-bundle.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('a case\'s recommendations on %s', (engine) => {
  let server: TestServer;
  const caseId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, caseId, 'KG-RECO')] });
  });
  afterAll(async () => {
    await server.close();
  });

  const bundle = async () => (await server.request(server.people.coord, 'GET', `/api/cases/${caseId}`)).json<CaseBundle>();
  const put = (body: unknown) => server.request(server.people.coord, 'PUT', `/api/cases/${caseId}/recommendations`, body);

  it('are kept with the case and come back in its bundle, replaced by the next text', async () => {
    expect((await bundle()).recommendations).toBe('');
    expect((await put({ text: 'Admit monitors to every hearing.' })).statusCode).toBe(200);
    expect((await put({ text: 'Admit monitors to every hearing.\n\nSeparate witnesses.' })).statusCode).toBe(200);
    expect((await bundle()).recommendations).toBe('Admit monitors to every hearing.\n\nSeparate witnesses.');
  });

  it('refuse a text over 20,000 characters or of the wrong shape with a clear error, and store nothing', async () => {
    const before = await tableCounts(server.database);
    const kept = (await bundle()).recommendations;
    const long = await put({ text: 'x'.repeat(20_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: { code: 'invalid_input', params: { path: 'text', issue: 'too_long', max: 20_000 }, issues: [{ message: 'recommendations have at most 20,000 characters' }] } });
    for (const body of [{ text: 5 }, { text: 'ok', extra: true }, {}]) {
      const bad = await put(body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'invalid_input' } });
    }
    expect((await bundle()).recommendations).toBe(kept);
    expect(await tableCounts(server.database)).toEqual(before);
  });

  it('are the coordinators\': to an observer the case is not found (nothing learned), and nothing is written', async () => {
    const response = await server.request(server.people.obs1, 'PUT', `/api/cases/${caseId}/recommendations`, { text: 'Mine.' });
    expect(response.statusCode).toBe(404);
    expect((await bundle()).recommendations).not.toContain('Mine.');
  });
});
