import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, withToken, type EnrolledDevice } from '../helpers/people.ts';
import { caseMutation, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Project isolation, tried as an attacker would: a coordinator of project A, and a phone enrolled in
 * project A, using nothing but legitimate API calls to reach project B (issue 12, items 1, 5 and 7).
 */
describe.each(testEngines())('project isolation on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let coordB: Person;
  /** obsb's case and report in project B, sent from a password session, with a photo. */
  const bCase = uuidv7();
  const bReport = uuidv7();
  const bPhoto = Buffer.from('a photo obsb took in project B');
  const bPhotoHash = createHash('sha256').update(bPhoto).digest('hex');

  const pushAs = (who: Person, deviceId: string, mutations: unknown[]) => server.request(who, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations });
  const pullAll = async (send: (url: string) => Promise<LightMyRequestResponse>): Promise<PullResponse['changes']> => {
    const changes: PullResponse['changes'][number][] = [];
    let cursor = 0;
    for (;;) {
      const page = (await send(`/api/sync/pull?cursor=${cursor}`)).json<PullResponse>();
      changes.push(...page.changes);
      if (!page.hasMore) return changes;
      cursor = page.cursor;
    }
  };
  const sendPhoto = async (who: Person | { token: string }, hash: string, bytes: Buffer, projectId: string) => {
    const auth = 'token' in who ? { authorization: `Bearer ${who.token}` } : { cookie: who.cookie };
    const start = await server.app.inject({ method: 'POST', url: '/api/attachments', headers: auth, payload: { projectId, hash, kind: 'photo', mime: 'image/jpeg', size: bytes.length } });
    const chunk = await server.app.inject({ method: 'PUT', url: `/api/attachments/${projectId}/${hash}/chunks/0`, headers: { ...auth, 'content-type': 'application/octet-stream' }, payload: bytes });
    return { start, chunk };
  };

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = await addPerson(server, 'root', { admin: true });
    coordB = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    const { obsb } = server.people;
    const pushed = await pushAs(obsb, uuidv7(), [
      caseMutation(1, server.projectB, bCase, 'KG-B-SECRET'),
      reportMutation(2, server.projectB, bCase, bReport, { hearing_date: '2026-11-20', monitors_admitted: 'no', summary_text: 'Words from project B.' }),
    ]);
    expect(pushed.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const { start, chunk } = await sendPhoto(obsb, bPhotoHash, bPhoto, server.projectB);
    expect([start.statusCode, chunk.statusCode]).toEqual([200, 200]);
    expect((await server.request(obsb, 'POST', `/api/attachments/${server.projectB}/${bPhotoHash}/complete`, {})).statusCode).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  describe('a coordinator of A reaching for an account of project B', () => {
    it('cannot give an existing account a role in A: the answer is an invitation, no membership appears', async () => {
      const { coord, obsb } = server.people;
      const added = await server.request(coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'obsb', role: 'observer' });
      expect(added.statusCode).toBe(201);
      const member = await server.database.db.selectFrom('memberships').select('role').where('project_id', '=', server.projectA).where('user_id', '=', obsb.id).executeTakeFirst();
      expect(member).toBeUndefined();
      // So no enrolment code can be issued for obsb in A.
      const code = await server.request(coord, 'POST', `/api/projects/${server.projectA}/enrolment-codes`, { userId: obsb.id });
      expect(code.json()).toMatchObject({ error: { code: 'not_an_observer' } });
    });
  });

  describe('a phone enrolled in A for a person who is a member of A and B', () => {
    let device: EnrolledDevice;
    let sessionDevice: string;
    beforeAll(async () => {
      const { coord, obsb } = server.people;
      // An administrator attached obsb to project A as well (the legitimate way).
      expect((await server.request(admin, 'POST', `/api/projects/${server.projectA}/members`, { username: 'obsb', role: 'observer' })).statusCode).toBe(200);
      device = await enrolDevice(server, coord, obsb, server.projectA);
      sessionDevice = uuidv7();
      expect((await pushAs(obsb, sessionDevice, [caseMutation(1, server.projectB, uuidv7(), 'KG-B-2')])).statusCode).toBe(200);
    });

    it('pulls nothing of project B: no case, no report, no review thread', async () => {
      const changes = await pullAll((url) => withToken(server, device.token, 'GET', url));
      const projects = changes.flatMap((c) => (c.entity === 'case' || c.entity === 'report' ? [c.data.projectId] : c.entity === 'review' ? [c.data.projectId] : c.entity === 'project' ? [c.data.id] : []));
      expect(projects).not.toContain(server.projectB);
      expect(JSON.stringify(changes)).not.toContain('Words from project B.');
      // The same person's password session still sees their project-B work: the scope is the device's.
      const viaSession = await pullAll((url) => server.request(server.people.obsb, 'GET', url));
      expect(viaSession.some((c) => c.entity === 'report' && c.data.id === bReport)).toBe(true);
    });

    it("cannot read project B's report, thread or attachments", async () => {
      expect((await withToken(server, device.token, 'GET', `/api/reports/${bReport}`)).statusCode).toBe(404);
      expect((await withToken(server, device.token, 'GET', `/api/reports/${bReport}/thread`)).statusCode).toBe(404);
      expect((await withToken(server, device.token, 'GET', `/api/reports/${bReport}/attachments`)).statusCode).toBe(404);
      expect((await withToken(server, device.token, 'GET', `/api/attachments/${server.projectB}/${bPhotoHash}`)).statusCode).toBe(404);
      expect((await withToken(server, device.token, 'GET', `/api/attachments/${server.projectB}/${bPhotoHash}/status`)).statusCode).toBe(404);
      expect((await withToken(server, device.token, 'GET', `/api/projects/${server.projectB}/attachment-settings`)).statusCode).toBe(404);
      const other = Buffer.from('forged into B');
      const { start } = await sendPhoto({ token: device.token }, createHash('sha256').update(other).digest('hex'), other, server.projectB);
      expect(start.statusCode).toBe(404);
    });

    it('has every push into project B refused: case, new report, amendment and comment, nothing stored', async () => {
      const before = await server.database.db.selectFrom('report_versions').select('report_id').where('report_id', '=', bReport).execute();
      const amended = reportMutation(3, server.projectB, bCase, bReport, { hearing_date: '2026-11-20', monitors_admitted: 'yes', summary_text: 'Forged.' }, 1);
      const push = await withToken(server, device.token, 'POST', '/api/sync/push', {
        protocol: 1,
        deviceId: device.deviceId,
        mutations: [
          caseMutation(1, server.projectB, uuidv7(), 'KG-FORGED'),
          reportMutation(2, server.projectB, bCase),
          { ...amended, payload: { ...amended.payload, reason: 'forged amendment' } },
          { seq: 4, entity: 'comment', id: uuidv7(), baseVersion: 0, payload: { reportId: bReport, body: 'A forged reply.' } },
        ],
      });
      expect(push.json<PushResponse>().results.map((r) => r.status)).toEqual(['refused', 'refused', 'refused', 'refused']);
      expect(await server.database.db.selectFrom('report_versions').select('report_id').where('report_id', '=', bReport).execute()).toEqual(before);
      expect(await server.database.db.selectFrom('cases').select('id').where('code', '=', 'KG-FORGED').execute()).toEqual([]);
      expect(await server.database.db.selectFrom('comments').select('id').where('report_id', '=', bReport).execute()).toEqual([]);
    });

    it('still works inside project A', async () => {
      const caseId = uuidv7();
      const push = await withToken(server, device.token, 'POST', '/api/sync/push', {
        protocol: 1,
        deviceId: device.deviceId,
        mutations: [caseMutation(5, server.projectA, caseId, 'KG-A-OK'), reportMutation(6, server.projectA, caseId)],
      });
      expect(push.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
    });

    it("lets A's coordinator manage the A phone only: B's phones and the person's password-session phone are not theirs", async () => {
      const { coord, obsb } = server.people;
      const bDevice = await enrolDevice(server, coordB, obsb, server.projectB);
      const listed = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/devices`)).json<{ devices: { id: string }[] }>().devices.map((d) => d.id);
      expect(listed).toContain(device.deviceId);
      expect(listed).not.toContain(bDevice.deviceId);
      expect(listed).not.toContain(sessionDevice);
      for (const target of [bDevice.deviceId, sessionDevice]) {
        expect((await server.request(coord, 'POST', `/api/devices/${target}/wipe`, {})).statusCode).toBe(404);
        expect((await server.request(coord, 'POST', `/api/devices/${target}/revoke`, {})).statusCode).toBe(404);
      }
      const untouched = await server.database.db.selectFrom('devices').select(['id', 'revoked_at']).where('id', 'in', [bDevice.deviceId, sessionDevice]).execute();
      expect(untouched.map((d) => d.revoked_at)).toEqual([null, null]);
      expect(await server.database.db.selectFrom('device_commands').select('id').where('device_id', 'in', [bDevice.deviceId, sessionDevice]).execute()).toEqual([]);
      // B's coordinator manages B's phone; the password-session phone holds both projects' work: administrators only.
      expect((await server.request(coordB, 'GET', `/api/projects/${server.projectB}/devices`)).json<{ devices: { id: string }[] }>().devices.map((d) => d.id)).not.toContain(sessionDevice);
      expect((await server.request(coordB, 'POST', `/api/devices/${sessionDevice}/revoke`, {})).statusCode).toBe(404);
      expect((await server.request(admin, 'POST', `/api/devices/${sessionDevice}/revoke`, {})).statusCode).toBe(200);
      expect((await server.request(coordB, 'POST', `/api/devices/${bDevice.deviceId}/revoke`, {})).statusCode).toBe(200);
    });
  });

  describe('checklists', () => {
    const custom = (version: number, title = 'Project A checklist') => {
      const hearing = JSON.parse(readFileSync('forms/hearing.json', 'utf8')) as Record<string, unknown>;
      return { ...hearing, id: 'a-only', version, title: { en: title, ru: 'Анкета проекта A' } };
    };

    it("publishes a coordinator's form into their project only: B's observers never receive or use it", async () => {
      const { coord, obs1 } = server.people;
      expect((await server.request(coord, 'POST', `/api/forms?projectId=${server.projectB}`, custom(1))).statusCode).toBe(403);
      expect((await server.request(coord, 'POST', '/api/forms', custom(1))).json()).toMatchObject({ error: { code: 'project_required' } });
      const published = await server.request(coord, 'POST', `/api/forms?projectId=${server.projectA}`, custom(1));
      expect(published.statusCode).toBe(201);
      const formsOf = async (who: Person) => (await pullAll((url) => server.request(who, 'GET', url))).flatMap((c) => (c.entity === 'form' ? [`${c.data.id}@${c.data.version}`] : []));
      expect(await formsOf(obs1)).toContain('a-only@1');
      expect(await formsOf(coordB)).not.toContain('a-only@1');
      // obsb is a member of A too by now (attached by the administrator above): take a B-only observer.
      const bOnly = await addPerson(server, 'bonly', { project: server.projectB, role: 'observer' });
      expect(await formsOf(bOnly)).not.toContain('a-only@1');
      expect(await formsOf(bOnly)).toContain('hearing@1');
      const listed = (await server.request(bOnly, 'GET', '/api/forms')).json<{ forms: { id: string }[] }>().forms.map((f) => f.id);
      expect(listed).not.toContain('a-only');
      expect(listed).toContain('hearing');
      // A report of B on A's form is refused.
      const caseId = uuidv7();
      const onForm = reportMutation(2, server.projectB, caseId);
      const push = await pushAs(bOnly, uuidv7(), [caseMutation(1, server.projectB, caseId, 'KG-B-FORM'), { ...onForm, payload: { ...onForm.payload, formId: 'a-only' } }]);
      expect(push.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied', 'refused']);
    });

    it('refuses to let another project take over an id@version: the same content from B is not "unchanged" for B', async () => {
      const taken = await server.request(coordB, 'POST', `/api/forms?projectId=${server.projectB}`, custom(1));
      expect(taken.json()).toMatchObject({ error: { code: 'version_published' } });
    });

    it('lets an administrator publish for every project, as the built-in forms are', async () => {
      const global = await server.request(admin, 'POST', '/api/forms', custom(2, 'Everyone'));
      expect(global.statusCode).toBe(201);
      const forms = (await pullAll((url) => server.request(coordB, 'GET', url))).flatMap((c) => (c.entity === 'form' ? [`${c.data.id}@${c.data.version}`] : []));
      expect(forms).toContain('a-only@2');
      expect(forms).not.toContain('a-only@1');
    });
  });

  describe('uploads', () => {
    it("lets nobody else write into, complete or restart someone's unfinished upload", async () => {
      const { obs1, obs2 } = server.people;
      const bytes = Buffer.alloc(10, 7);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const started = await server.request(obs1, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'photo', mime: 'image/jpeg', size: 10 });
      expect(started.statusCode).toBe(200);
      // obs2 starts the same file: told it is someone else's upload, not handed it.
      const second = await server.request(obs2, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'photo', mime: 'image/jpeg', size: 10 });
      expect(second.json()).toMatchObject({ error: { code: 'upload_of_another_person' } });
      const garbage = await server.app.inject({
        method: 'PUT',
        url: `/api/attachments/${server.projectA}/${hash}/chunks/0`,
        headers: { cookie: obs2.cookie, 'content-type': 'application/octet-stream' },
        payload: Buffer.alloc(10, 1),
      });
      expect(garbage.json()).toMatchObject({ error: { code: 'upload_of_another_person' } });
      expect((await server.request(obs2, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`, {})).json()).toMatchObject({ error: { code: 'upload_of_another_person' } });
      // Announcing another size used to delete the unfinished upload: now it is refused too.
      const resized = await server.request(obs2, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'photo', mime: 'image/jpeg', size: 11 });
      expect(resized.json()).toMatchObject({ error: { code: 'upload_of_another_person' } });
      // The owner's upload is intact and finishes.
      const chunk = await server.app.inject({ method: 'PUT', url: `/api/attachments/${server.projectA}/${hash}/chunks/0`, headers: { cookie: obs1.cookie, 'content-type': 'application/octet-stream' }, payload: bytes });
      expect(chunk.json()).toMatchObject({ received: 10 });
      expect((await server.request(obs1, 'POST', `/api/attachments/${server.projectA}/${hash}/complete`, {})).json()).toMatchObject({ state: 'complete' });
      // Once complete the file is content-addressed: the same bytes from anyone are already there.
      expect((await server.request(obs2, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'photo', mime: 'image/jpeg', size: 10 })).json()).toMatchObject({ state: 'complete' });
    });
  });
});
