import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, freshCookie, type EnrolledDevice } from '../helpers/people.ts';
import { addMember, setDisabled } from '../../src/server/users.ts';
import { caseMutation, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Every /api route x every kind of caller, with the status each must get (SECURITY.md "curious or
 * hostile user"). The targets all belong to project A. The route list comes from the app itself: a route
 * added without a row here fails the test, so nobody adds an endpoint without deciding who may call it.
 * Callers: `device` is obs1's phone enrolled in A; `memberOfBoth` observes in A and in B (not the author of
 * A's report); `deviceOfB` is that person's phone enrolled in B, which must reach nothing of A (issue 12);
 * `disabled` is a disabled account with a session made before, which must fare as anonymous.
 */
const ROLES = ['anonymous', 'observerOwn', 'observerOther', 'coordinatorOwn', 'coordinatorOther', 'admin', 'device', 'memberOfBoth', 'deviceOfB', 'disabled'] as const;
type Role = (typeof ROLES)[number];
type Expected = readonly [
  anonymous: number,
  observerOwn: number,
  observerOther: number,
  coordinatorOwn: number,
  coordinatorOther: number,
  admin: number,
  device: number,
  memberOfBoth: number,
  deviceOfB: number,
  disabled: number,
];

interface Fixture {
  readonly projectA: string;
  readonly caseId: string;
  readonly reportId: string;
  readonly victim: Person;
  readonly observer2: Person;
  readonly otherDevice: EnrolledDevice;
  readonly commandId: string;
  readonly formDefinition: unknown;
  readonly ownDevice: EnrolledDevice;
  readonly deviceOfB: EnrolledDevice;
  /** A photo obs1 sent completely into project A, and one whose upload started but has no bytes yet. */
  readonly photo: string;
  readonly pending: string;
  /** An invitation into project A, still open (its public id, never its code). */
  readonly invitationId: string;
}

interface Row {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly route: string;
  readonly url: (f: Fixture) => string;
  readonly body?: (f: Fixture, role: Role) => unknown;
  readonly contentType?: string;
  readonly expected: Expected;
}

let unique = 0;
const next = (): number => (unique += 1);

// Shorthands for the common patterns.
const everyone = (status: number): Expected => [status, status, status, status, status, status, status, status, status, status];
const signedIn = (status: number): Expected => [401, status, status, status, status, status, status, status, status, 401];
/** Coordinators of project A and administrators; everyone else is refused with `refused`. */
const coordinatorsOfA = (ok: number, refused: number): Expected => [401, refused, refused, ok, refused, ok, refused, refused, refused, 401];
/** Coordinators of any project and administrators (lists scoped to their projects); observers and devices 403. */
const anyCoordinator = (ok: number): Expected => [401, 403, 403, ok, ok, ok, 403, 403, 403, 401];
const adminsOnly = (ok: number): Expected => [401, 403, 403, 403, 403, ok, 403, 403, 403, 401];
/** Members of project A (obs1's device too) get `ok`; other projects' people and phones 404, learning nothing. */
const membersOfA = (ok: number): Expected => [401, ok, 404, ok, 404, ok, ok, ok, 404, 401];
/** The author (on any of their A devices), A's coordinators and administrators; nobody else learns it exists. */
const authorOrCoordinatorsOfA: Expected = [401, 200, 404, 200, 404, 200, 200, 404, 404, 401];
/** Managing another person's A phone: A's coordinators and administrators; a device never manages devices. */
const managersOfA: Expected = [401, 404, 404, 200, 404, 200, 403, 404, 403, 401];

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const PHOTO = Buffer.from('a tiny stand-in for a photo');

const MATRIX: readonly Row[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', expected: everyone(200) },
  // The quick wipe's last step: clears only the caller's own browser, so anyone may call it (issue 10).
  { method: 'POST', route: '/api/clear-site-data', url: () => '/api/clear-site-data', body: () => ({}), expected: everyone(200) },
  { method: 'POST', route: '/api/auth/sign-in', url: () => '/api/auth/sign-in', body: () => ({ username: 'nobody-here', password: 'not the password' }), expected: everyone(401) },
  { method: 'POST', route: '/api/auth/sign-out', url: () => '/api/auth/sign-out', body: () => ({}), expected: everyone(200) },
  { method: 'POST', route: '/api/auth/sign-out-everywhere', url: () => '/api/auth/sign-out-everywhere', body: () => ({}), expected: signedIn(200) },
  // A wrong current password for people (403 wrong_password); enrolled devices have no password session (403 session_required).
  { method: 'POST', route: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'long enough to be valid' }), expected: signedIn(403) },
  { method: 'GET', route: '/api/me', url: () => '/api/me', expected: signedIn(200) },
  {
    method: 'POST',
    route: '/api/sync/push',
    url: () => '/api/sync/push',
    body: (f, role) => ({
      protocol: 1,
      deviceId: role === 'device' ? f.ownDevice.deviceId : role === 'deviceOfB' ? f.deviceOfB.deviceId : uuidv7(),
      mutations: [caseMutation(1, f.projectA, uuidv7(), `M-${next()}`)],
    }),
    // A push from an outsider is answered 200 with the mutation refused, never applied (tested in sync.test.ts).
    expected: signedIn(200),
  },
  { method: 'GET', route: '/api/sync/pull', url: () => '/api/sync/pull?cursor=0', expected: signedIn(200) },
  { method: 'GET', route: '/api/reports', url: () => '/api/reports', expected: anyCoordinator(200) },
  // The author may read their own report, on any of their devices.
  { method: 'GET', route: '/api/reports/:id', url: (f) => `/api/reports/${f.reportId}`, expected: authorOrCoordinatorsOfA },
  { method: 'GET', route: '/api/reports/:id/thread', url: (f) => `/api/reports/${f.reportId}/thread`, expected: authorOrCoordinatorsOfA },
  { method: 'POST', route: '/api/reports/:id/review', url: (f) => `/api/reports/${f.reportId}/review`, body: () => ({ status: 'received' }), expected: coordinatorsOfA(200, 404) },
  { method: 'POST', route: '/api/reports/:id/comments', url: (f) => `/api/reports/${f.reportId}/comments`, body: () => ({ id: uuidv7(), body: 'A question.' }), expected: coordinatorsOfA(200, 404) },
  { method: 'GET', route: '/api/cases', url: () => '/api/cases', expected: anyCoordinator(200) },
  { method: 'GET', route: '/api/cases/:id', url: (f) => `/api/cases/${f.caseId}`, expected: coordinatorsOfA(200, 404) },
  {
    method: 'POST',
    route: '/api/cases/:id/decisions',
    url: (f) => `/api/cases/${f.caseId}/decisions`,
    body: (f) => ({ reportId: f.reportId, path: 'monitors_admitted', decision: 'open' }),
    expected: coordinatorsOfA(200, 404),
  },
  { method: 'PUT', route: '/api/cases/:id/assessments/:right', url: (f) => `/api/cases/${f.caseId}/assessments/public-hearing`, body: () => ({ text: 'Assessment.' }), expected: coordinatorsOfA(200, 404) },
  { method: 'PUT', route: '/api/cases/:id/recommendations', url: (f) => `/api/cases/${f.caseId}/recommendations`, body: () => ({ text: 'Recommendations.' }), expected: coordinatorsOfA(200, 404) },
  { method: 'GET', route: '/api/projects/:projectId/themes', url: (f) => `/api/projects/${f.projectA}/themes`, expected: coordinatorsOfA(200, 404) },
  // A coordinator publishes into a project they coordinate (here: A's own form again, 200 unchanged).
  { method: 'POST', route: '/api/forms', url: (f) => `/api/forms?projectId=${f.projectA}`, body: (f) => f.formDefinition, expected: coordinatorsOfA(200, 403) },
  { method: 'GET', route: '/api/forms', url: () => '/api/forms', expected: signedIn(200) },
  { method: 'POST', route: '/api/projects', url: () => '/api/projects', body: () => ({ name: `Project ${next()}` }), expected: adminsOnly(201) },
  { method: 'GET', route: '/api/projects/:projectId/people', url: (f) => `/api/projects/${f.projectA}/people`, expected: coordinatorsOfA(200, 403) },
  {
    method: 'POST',
    route: '/api/projects/:projectId/people',
    url: (f) => `/api/projects/${f.projectA}/people`,
    body: () => ({ username: `person-${next()}`, role: 'observer' }),
    expected: coordinatorsOfA(201, 403),
  },
  // Attaching an existing account directly is an administrator's act; everyone else invites.
  { method: 'POST', route: '/api/projects/:projectId/members', url: (f) => `/api/projects/${f.projectA}/members`, body: (f) => ({ username: f.victim.username, role: 'observer' }), expected: adminsOnly(200) },
  // A wrong code: every signed-in person is told so; a phone may not accept invitations at all.
  { method: 'POST', route: '/api/invitations/accept', url: () => '/api/invitations/accept', body: () => ({ code: 'not-a-code' }), expected: [401, 400, 400, 400, 400, 400, 403, 400, 403, 401] },
  { method: 'POST', route: '/api/invitations/accept-new', url: () => '/api/invitations/accept-new', body: () => ({ code: 'not-a-code', password: 'a long enough passphrase' }), expected: everyone(400) },
  { method: 'GET', route: '/api/projects/:projectId/invitations', url: (f) => `/api/projects/${f.projectA}/invitations`, expected: coordinatorsOfA(200, 403) },
  // Cancelling again is a no-op answered 200, so every allowed caller gets 200 on the one invitation.
  {
    method: 'POST',
    route: '/api/projects/:projectId/invitations/:invitationId/cancel',
    url: (f) => `/api/projects/${f.projectA}/invitations/${f.invitationId}/cancel`,
    body: () => ({}),
    expected: coordinatorsOfA(200, 403),
  },
  { method: 'GET', route: '/api/projects/:projectId/assignments', url: (f) => `/api/projects/${f.projectA}/assignments`, expected: coordinatorsOfA(200, 403) },
  {
    method: 'POST',
    route: '/api/projects/:projectId/cases/:caseId/observers',
    url: (f) => `/api/projects/${f.projectA}/cases/${f.caseId}/observers`,
    body: (f) => ({ userId: f.observer2.id, assigned: true }),
    expected: coordinatorsOfA(200, 403),
  },
  { method: 'POST', route: '/api/users/:userId/revoke-sessions', url: (f) => `/api/users/${f.victim.id}/revoke-sessions`, body: () => ({}), expected: adminsOnly(200) },
  { method: 'POST', route: '/api/users/:userId/disable', url: (f) => `/api/users/${f.victim.id}/disable`, body: () => ({}), expected: adminsOnly(200) },
  { method: 'POST', route: '/api/users/:userId/enable', url: (f) => `/api/users/${f.victim.id}/enable`, body: () => ({}), expected: adminsOnly(200) },
  {
    method: 'POST',
    route: '/api/projects/:projectId/enrolment-codes',
    url: (f) => `/api/projects/${f.projectA}/enrolment-codes`,
    body: (f) => ({ userId: f.observer2.id }),
    expected: coordinatorsOfA(201, 403),
  },
  { method: 'GET', route: '/api/projects/:projectId/devices', url: (f) => `/api/projects/${f.projectA}/devices`, expected: coordinatorsOfA(200, 403) },
  // Other projects' devices are 404: nothing is learned about them. A device token never manages devices.
  { method: 'POST', route: '/api/devices/:deviceId/revoke', url: (f) => `/api/devices/${f.otherDevice.deviceId}/revoke`, body: () => ({}), expected: managersOfA },
  { method: 'POST', route: '/api/devices/:deviceId/wipe', url: (f) => `/api/devices/${f.otherDevice.deviceId}/wipe`, body: () => ({}), expected: managersOfA },
  // Only the device the command is for (or its owner's session) may acknowledge it: nobody in this table.
  { method: 'POST', route: '/api/devices/commands/:commandId/ack', url: (f) => `/api/devices/commands/${f.commandId}/ack`, body: (f) => ({ deviceId: f.otherDevice.deviceId }), expected: signedIn(404) },
  { method: 'POST', route: '/api/enrol', url: () => '/api/enrol', body: () => ({ code: 'not-a-code' }), expected: everyone(400) },
  { method: 'GET', route: '/api/audit', url: () => '/api/audit', expected: anyCoordinator(200) },
  // Attachments: members send files into their project; the project's coordinators and the sender read them.
  {
    method: 'POST',
    route: '/api/attachments',
    url: () => '/api/attachments',
    body: (f, role) => {
      const bytes = Buffer.from(`file of ${role} ${next()}`);
      return { projectId: f.projectA, hash: sha256(bytes), kind: 'document', mime: 'text/plain', size: bytes.length };
    },
    expected: membersOfA(200),
  },
  { method: 'GET', route: '/api/attachments/:projectId/:hash/status', url: (f) => `/api/attachments/${f.projectA}/${f.photo}/status`, expected: membersOfA(200) },
  // A chunk at the wrong offset of the pending upload: members are told where to continue (409), changing nothing.
  {
    method: 'PUT',
    route: '/api/attachments/:projectId/:hash/chunks/:offset',
    url: (f) => `/api/attachments/${f.projectA}/${f.pending}/chunks/5`,
    body: () => Buffer.from('xx'),
    contentType: 'application/octet-stream',
    expected: membersOfA(409),
  },
  { method: 'POST', route: '/api/attachments/:projectId/:hash/complete', url: (f) => `/api/attachments/${f.projectA}/${f.pending}/complete`, body: () => ({}), expected: membersOfA(409) },
  { method: 'GET', route: '/api/attachments/:projectId/:hash', url: (f) => `/api/attachments/${f.projectA}/${f.photo}`, expected: authorOrCoordinatorsOfA },
  { method: 'GET', route: '/api/reports/:id/attachments', url: (f) => `/api/reports/${f.reportId}/attachments`, expected: authorOrCoordinatorsOfA },
  { method: 'GET', route: '/api/projects/:projectId/attachment-settings', url: (f) => `/api/projects/${f.projectA}/attachment-settings`, expected: membersOfA(200) },
  {
    method: 'PUT',
    route: '/api/projects/:projectId/attachment-settings',
    url: (f) => `/api/projects/${f.projectA}/attachment-settings`,
    body: () => ({ kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 }),
    expected: [401, 403, 404, 200, 404, 200, 403, 403, 404, 401],
  },
];

describe.each(testEngines())('authorization matrix on %s', (engine) => {
  let server: TestServer;
  let app: FastifyInstance;
  const routes = new Set<string>();
  let fixture: Fixture;
  let people: Record<Exclude<Role, 'anonymous' | 'device' | 'deviceOfB'>, Person>;

  beforeAll(async () => {
    server = await startTestServer(engine);
    // A second app on the same database, listing its routes as they are added.
    app = await buildApp({
      database: server.database,
      onRoute: (route) => {
        for (const method of [route.method].flat()) if (route.url.startsWith('/api/') && method !== 'HEAD') routes.add(`${method} ${route.url}`);
      },
    });
    const caseId = uuidv7();
    const reportId = uuidv7();
    await server.request(server.people.obs1, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-MATRIX'), reportMutation(2, server.projectA, caseId, reportId)],
    });
    const coordinatorOther = await addPerson(server, 'coordb', { project: server.projectB, role: 'coordinator' });
    const admin = await addPerson(server, 'root', { admin: true });
    const victim = await addPerson(server, 'victim', { project: server.projectA, role: 'observer' });
    const otherDevice = await enrolDevice(server, server.people.coord, server.people.obs2, server.projectA);
    const ordered = await server.request(server.people.coord, 'POST', `/api/devices/${otherDevice.deviceId}/wipe`, {});
    const hearing = await server.database.db.selectFrom('forms').select('definition').where('id', '=', 'hearing').where('version', '=', 1).executeTakeFirstOrThrow();
    const formDefinition = { ...(JSON.parse(hearing.definition) as Record<string, unknown>), id: 'matrix-a' };
    expect((await server.request(server.people.coord, 'POST', `/api/forms?projectId=${server.projectA}`, formDefinition)).statusCode).toBe(201);
    const memberOfBoth = await addPerson(server, 'both', { project: server.projectA, role: 'observer' });
    await addMember(server.database.db, server.projectB, memberOfBoth.id, 'observer');
    const deviceOfB = await enrolDevice(server, coordinatorOther, memberOfBoth, server.projectB);
    const disabled = await addPerson(server, 'gone', { project: server.projectA, role: 'coordinator' });
    await setDisabled(server.database.db, disabled.id, true);
    const photo = sha256(PHOTO);
    const start = (hash: string, size: number) =>
      server.request(server.people.obs1, 'POST', '/api/attachments', { projectId: server.projectA, hash, kind: 'photo', mime: 'image/jpeg', size });
    expect((await start(photo, PHOTO.length)).statusCode).toBe(200);
    const chunk = await server.app.inject({
      method: 'PUT',
      url: `/api/attachments/${server.projectA}/${photo}/chunks/0`,
      headers: { cookie: server.people.obs1.cookie, 'content-type': 'application/octet-stream' },
      payload: PHOTO,
    });
    expect(chunk.statusCode).toBe(200);
    expect((await server.request(server.people.obs1, 'POST', `/api/attachments/${server.projectA}/${photo}/complete`, {})).statusCode).toBe(200);
    const pending = sha256(Buffer.from('ten bytes!'));
    expect((await start(pending, 10)).statusCode).toBe(200);
    expect((await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/people`, { username: 'invited', role: 'observer' })).statusCode).toBe(201);
    const invited = await server.request(server.people.coord, 'GET', `/api/projects/${server.projectA}/invitations`);
    fixture = {
      invitationId: invited.json<{ invitations: { id: string }[] }>().invitations[0]?.id ?? '',
      photo,
      pending,
      projectA: server.projectA,
      caseId,
      reportId,
      victim,
      observer2: server.people.obs2,
      otherDevice,
      commandId: ordered.json<{ commandId: string }>().commandId,
      formDefinition,
      deviceOfB,
      ownDevice: await enrolDevice(server, server.people.coord, server.people.obs1, server.projectA),
    };
    people = { observerOwn: server.people.obs1, observerOther: server.people.obsb, coordinatorOwn: server.people.coord, coordinatorOther, admin, memberOfBoth, disabled };
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('has a row for every /api route, and no row for a route that does not exist', () => {
    expect([...routes].sort()).toEqual(MATRIX.map((r) => `${r.method} ${r.route}`).sort());
  });

  it.each(MATRIX.map((row) => [`${row.method} ${row.route}`, row] as const))('%s', async (_name, row) => {
    const actual: Record<string, number> = {};
    for (const role of ROLES) {
      // A fresh session for each call: sign-out and "sign out everywhere" end sessions as they go.
      const headers: Record<string, string> =
        role === 'anonymous'
          ? {}
          : role === 'device'
            ? { authorization: `Bearer ${fixture.ownDevice.token}` }
            : role === 'deviceOfB'
              ? { authorization: `Bearer ${fixture.deviceOfB.token}` }
              : { cookie: await freshCookie(server, people[role]) };
      const body = row.body?.(fixture, role);
      if (row.contentType !== undefined) headers['content-type'] = row.contentType;
      // Each call from an address of its own: the sign-in and invitation limits (10 a minute per address) have their own tests.
      const call = next();
      const remoteAddress = `10.99.${Math.floor(call / 250)}.${call % 250}`;
      const response = await app.inject({ method: row.method, url: row.url(fixture), headers, remoteAddress, ...(body === undefined ? {} : { payload: body as object }) });
      actual[role] = response.statusCode;
    }
    expect(actual).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, row.expected[i]])));
  });
});
