import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { publishBuiltInForms } from '../../src/server/forms/publish.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

describe.each(testEngines())('form versions on %s', (engine) => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    // A new version of the hearing form appears in the forms folder, as after an upgrade.
    folder = mkdtempSync(join(tmpdir(), 'tm-forms-'));
    cpSync('forms', folder, { recursive: true });
    const newest = JSON.parse(readFileSync('forms/hearing.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(join(folder, 'hearing@5.json'), JSON.stringify({ ...newest, version: 5 }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes a new version once, sends it to devices, keeps the old one, and accepts reports on both', async () => {
    const { obs1 } = server.people;
    const before = (await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>();
    const first = await publishBuiltInForms(server.database.db, pathToFileURL(`${folder}/`));
    expect(first.published).toEqual(['hearing@5']);
    expect((await publishBuiltInForms(server.database.db, pathToFileURL(`${folder}/`))).published).toEqual([]);

    const after = (await server.request(obs1, 'GET', `/api/sync/pull?cursor=${before.cursor}`)).json<PullResponse>();
    expect(after.changes.map((c) => (c.entity === 'form' ? `${c.data.id}@${c.data.version}` : c.entity))).toEqual(['hearing@5']);

    const caseId = uuidv7();
    const onV1 = reportMutation(2, server.projectA, caseId);
    const onV5 = reportMutation(3, server.projectA, caseId);
    const push = await server.request(obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId), onV1, { ...onV5, payload: { ...onV5.payload, formVersion: 5 } }],
    });
    expect(push.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('never replaces a published version: an edited file with the same version is reported, the stored one kept', async () => {
    const edited = JSON.parse(readFileSync('forms/hearing.json', 'utf8')) as { title: Record<string, string> };
    writeFileSync(join(folder, 'hearing.json'), JSON.stringify({ ...edited, title: { ...edited.title, en: 'Edited title' } }));
    const outcome = await publishBuiltInForms(server.database.db, pathToFileURL(`${folder}/`));
    expect(outcome.differing).toEqual(['hearing@4']);
    const stored = await server.database.db.selectFrom('forms').select('definition').where('id', '=', 'hearing').where('version', '=', 4).executeTakeFirstOrThrow();
    expect(stored.definition).not.toContain('Edited title');
  });

  it('lets a coordinator upload a new version: checked with paths, published once, refused if the version is taken', async () => {
    const { coord, obs1 } = server.people;
    const cursor = (await server.request(obs1, 'GET', '/api/sync/pull?cursor=0')).json<PullResponse>().cursor;
    const newest = JSON.parse(readFileSync('forms/hearing.json', 'utf8')) as Record<string, unknown>;
    const v6 = { ...newest, version: 6 };

    const upload = await server.request(coord, 'POST', `/api/forms?projectId=${server.projectA}`, v6);
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toEqual({ status: 'published', id: 'hearing', version: 6 });
    expect((await server.request(coord, 'POST', `/api/forms?projectId=${server.projectA}`, v6)).json()).toEqual({ status: 'unchanged', id: 'hearing', version: 6 });

    const taken = await server.request(coord, 'POST', `/api/forms?projectId=${server.projectA}`, { ...v6, title: { en: 'Other', ru: 'Другое' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'version_published' } });

    const broken = { ...newest, version: 7, sections: [{ id: 'only', title: { en: 'Only', ru: 'Только' }, items: [{ id: 'q', type: 'scale', label: { en: 'Q', ru: 'В' }, concern: { when: { in: ['no'] }, rights: ['no-such-right'], severity: 'high' } }] }] };
    const refused = await server.request(coord, 'POST', `/api/forms?projectId=${server.projectA}`, broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'invalid_form', issues: [{ path: '/sections/0/items/0/concern/rights/0' }] } });

    expect((await server.request(obs1, 'POST', `/api/forms?projectId=${server.projectA}`, { ...newest, version: 8 })).statusCode).toBe(403);
    const pulled = (await server.request(obs1, 'GET', `/api/sync/pull?cursor=${cursor}`)).json<PullResponse>();
    expect(pulled.changes.map((c) => (c.entity === 'form' ? `${c.data.id}@${c.data.version}` : c.entity))).toEqual(['hearing@6']);
    const listed = (await server.request(coord, 'GET', '/api/forms')).json<{ forms: { id: string; version: number }[] }>();
    expect(listed.forms.filter((f) => f.id === 'hearing').map((f) => f.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
