import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { contract, routeKey, type RouteName } from '../../src/core/api/contract.ts';
import { buildApp } from '../../src/server/app.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson, enrolDevice, freshCookie, type EnrolledDevice } from '../helpers/people.ts';
import { addMember, setDisabled } from '../../src/server/users.ts';
import { caseMutation, reportMutation, startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';
import { createProjectKey } from '../../src/app/coordinator/sealing/key-flow.ts';
import { grantFor, nodeCrypto, personalKeyOf, sealVia, setPersonalKeyVia } from '../helpers/sealing.ts';
import { readableFields } from '../helpers/sealed-project.ts';
import { sealReport } from '../../src/core/seal/sealed-report.ts';
import type { EcPublicJwk } from '../../src/core/seal/web-crypto.ts';

/**
 * Every /api route x every kind of caller, with the status each must get (SECURITY.md "curious or
 * hostile user"). The targets all belong to project A. The rows are keyed by the route table's names
 * (src/core/api/contract.ts): a route added to the table without a row here fails the typecheck and the
 * test, so nobody adds an endpoint without deciding who may call it (that the server registers exactly
 * the table's routes is routes-match-table.test.ts).
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
  /** Entries of the case's register: one to edit, and one for each caller allowed to remove one. */
  readonly personId: string;
  readonly removable: Readonly<Partial<Record<Role, string>>>;
  /** Sealed project A (coord holds its key; coord2, a second coordinator of A, has a personal key): the key routes' bodies. */
  readonly keys: {
    readonly coordKey: { readonly publicKey: unknown; readonly wrappedPrivateKey: unknown };
    readonly freshKey: { readonly publicKey: unknown; readonly wrappedPrivateKey: unknown };
    readonly seal: unknown;
    readonly grantToCoord2: unknown;
    /** A re-seal post: one version (none stored under that id, so answered `changed`) sealed to A's key. */
    readonly resealed: unknown;
  };
}

interface Row {
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

/** One row a route of the table (src/core/api/contract.ts): a route without a row fails the typecheck. */
const MATRIX: Readonly<Record<RouteName, Row>> = {
  health: { url: () => '/api/health', expected: everyone(200) },
  // The quick wipe's last step: clears only the caller's own browser, so anyone may call it (issue 10).
  clearSiteData: { url: () => '/api/clear-site-data', body: () => ({}), expected: everyone(200) },
  signIn: { url: () => '/api/auth/sign-in', body: () => ({ username: 'nobody-here', password: 'not the password' }), expected: everyone(401) },
  signOut: { url: () => '/api/auth/sign-out', body: () => ({}), expected: everyone(200) },
  signOutEverywhere: { url: () => '/api/auth/sign-out-everywhere', body: () => ({}), expected: signedIn(200) },
  // A wrong current password for people (403 wrong_password); enrolled devices have no password session (403 session_required).
  changePassword: { url: () => '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'long enough to be valid' }), expected: signedIn(403) },
  me: { url: () => '/api/me', expected: signedIn(200) },
  push: {
    url: () => '/api/sync/push',
    body: (f, role) => ({
      protocol: 1,
      deviceId: role === 'device' ? f.ownDevice.deviceId : role === 'deviceOfB' ? f.deviceOfB.deviceId : uuidv7(),
      mutations: [caseMutation(1, f.projectA, uuidv7(), `M-${next()}`)],
    }),
    // A push from an outsider is answered 200 with the mutation refused, never applied (tested in sync.test.ts).
    expected: signedIn(200),
  },
  pull: { url: () => '/api/sync/pull?cursor=0', expected: signedIn(200) },
  listReports: { url: () => '/api/reports', expected: anyCoordinator(200) },
  // The author may read their own report, on any of their devices.
  getReport: { url: (f) => `/api/reports/${f.reportId}`, expected: authorOrCoordinatorsOfA },
  getThread: { url: (f) => `/api/reports/${f.reportId}/thread`, expected: authorOrCoordinatorsOfA },
  reviewReport: { url: (f) => `/api/reports/${f.reportId}/review`, body: () => ({ status: 'received' }), expected: coordinatorsOfA(200, 404) },
  commentOnReport: { url: (f) => `/api/reports/${f.reportId}/comments`, body: () => ({ id: uuidv7(), body: 'A question.' }), expected: coordinatorsOfA(200, 404) },
  listCases: { url: () => '/api/cases', expected: anyCoordinator(200) },
  getCase: { url: (f) => `/api/cases/${f.caseId}`, expected: coordinatorsOfA(200, 404) },
  decideFinding: {
    url: (f) => `/api/cases/${f.caseId}/decisions`,
    body: (f) => ({ reportId: f.reportId, path: 'monitors_admitted', decision: 'open' }),
    expected: coordinatorsOfA(200, 404),
  },
  putAssessment: { url: (f) => `/api/cases/${f.caseId}/assessments/public-hearing`, body: () => ({ text: 'Assessment.' }), expected: coordinatorsOfA(200, 404) },
  putRecommendations: { url: (f) => `/api/cases/${f.caseId}/recommendations`, body: () => ({ text: 'Recommendations.' }), expected: coordinatorsOfA(200, 404) },
  // The case's register of people (names behind the codes): coordinators of A and administrators only.
  listCasePeople: { url: (f) => `/api/cases/${f.caseId}/people`, expected: coordinatorsOfA(200, 404) },
  addCasePerson: { url: (f) => `/api/cases/${f.caseId}/people`, body: () => ({ code: `X${next()}`, role: 'witness', name: 'Кузнецов Павел' }), expected: coordinatorsOfA(200, 404) },
  editCasePerson: { url: (f) => `/api/cases/${f.caseId}/people/${f.personId}`, body: () => ({ code: 'D1', role: 'defendant', name: 'Петров Андрей' }), expected: coordinatorsOfA(200, 404) },
  removeCasePerson: { url: (f) => `/api/cases/${f.caseId}/people/remove`, body: (f, role) => ({ personId: f.removable[role] ?? uuidv7() }), expected: coordinatorsOfA(200, 404) },
  getThemes: { url: (f) => `/api/projects/${f.projectA}/themes`, expected: coordinatorsOfA(200, 404) },
  // A coordinator registers a case in a project they coordinate; nobody else may (observers open cases by syncing).
  openCase: { url: (f) => `/api/projects/${f.projectA}/cases`, body: () => ({ code: `OPEN-${next()}`, court: 'City court' }), expected: coordinatorsOfA(200, 403) },
  // Merging the case into itself: those who may merge A's cases reach the 400, everyone else learns nothing (404);
  // the fixture's case stays for the other rows. Real merges: case-merge.test.ts.
  mergeCases: { url: (f) => `/api/cases/${f.caseId}/merge`, body: (f) => ({ into: f.caseId }), expected: coordinatorsOfA(400, 404) },
  // A coordinator publishes into a project they coordinate (here: A's own form again, 200 unchanged).
  publishForm: { url: (f) => `/api/forms?projectId=${f.projectA}`, body: (f) => f.formDefinition, expected: coordinatorsOfA(200, 403) },
  listForms: { url: () => '/api/forms', expected: signedIn(200) },
  createProject: { url: () => '/api/projects', body: () => ({ name: `Project ${next()}` }), expected: adminsOnly(201) },
  listPeople: { url: (f) => `/api/projects/${f.projectA}/people`, expected: coordinatorsOfA(200, 403) },
  invitePerson: {
    url: (f) => `/api/projects/${f.projectA}/people`,
    body: () => ({ username: `person-${next()}`, role: 'observer' }),
    expected: coordinatorsOfA(201, 403),
  },
  // Attaching an existing account directly is an administrator's act; everyone else invites.
  addMember: { url: (f) => `/api/projects/${f.projectA}/members`, body: (f) => ({ username: f.victim.username, role: 'observer' }), expected: adminsOnly(200) },
  // A wrong code: every signed-in person is told so; a phone may not accept invitations at all.
  acceptInvitation: { url: () => '/api/invitations/accept', body: () => ({ code: 'not-a-code' }), expected: [401, 400, 400, 400, 400, 400, 403, 400, 403, 401] },
  acceptNewInvitation: { url: () => '/api/invitations/accept-new', body: () => ({ code: 'not-a-code', password: 'a long enough passphrase' }), expected: everyone(400) },
  listInvitations: { url: (f) => `/api/projects/${f.projectA}/invitations`, expected: coordinatorsOfA(200, 403) },
  // Cancelling again is a no-op answered 200, so every allowed caller gets 200 on the one invitation.
  cancelInvitation: {
    url: (f) => `/api/projects/${f.projectA}/invitations/${f.invitationId}/cancel`,
    body: () => ({}),
    expected: coordinatorsOfA(200, 403),
  },
  listAssignments: { url: (f) => `/api/projects/${f.projectA}/assignments`, expected: coordinatorsOfA(200, 403) },
  assignObserver: {
    url: (f) => `/api/projects/${f.projectA}/cases/${f.caseId}/observers`,
    body: (f) => ({ userId: f.observer2.id, assigned: true }),
    expected: coordinatorsOfA(200, 403),
  },
  revokeUserSessions: { url: (f) => `/api/users/${f.victim.id}/revoke-sessions`, body: () => ({}), expected: adminsOnly(200) },
  disableUser: { url: (f) => `/api/users/${f.victim.id}/disable`, body: () => ({}), expected: adminsOnly(200) },
  enableUser: { url: (f) => `/api/users/${f.victim.id}/enable`, body: () => ({}), expected: adminsOnly(200) },
  issueEnrolmentCode: {
    url: (f) => `/api/projects/${f.projectA}/enrolment-codes`,
    body: (f) => ({ userId: f.observer2.id }),
    expected: coordinatorsOfA(201, 403),
  },
  listDevices: { url: (f) => `/api/projects/${f.projectA}/devices`, expected: coordinatorsOfA(200, 403) },
  // Other projects' devices are 404: nothing is learned about them. A device token never manages devices.
  revokeDevice: { url: (f) => `/api/devices/${f.otherDevice.deviceId}/revoke`, body: () => ({}), expected: managersOfA },
  wipeDevice: { url: (f) => `/api/devices/${f.otherDevice.deviceId}/wipe`, body: () => ({}), expected: managersOfA },
  // Only the device the command is for (or its owner's session) may acknowledge it: nobody in this table.
  ackCommand: { url: (f) => `/api/devices/commands/${f.commandId}/ack`, body: (f) => ({ deviceId: f.otherDevice.deviceId }), expected: signedIn(404) },
  enrol: { url: () => '/api/enrol', body: () => ({ code: 'not-a-code' }), expected: everyone(400) },
  listAudit: { url: () => '/api/audit', expected: anyCoordinator(200) },
  // Attachments: members send files into their project; the project's coordinators and the sender read them.
  startUpload: {
    url: () => '/api/attachments',
    body: (f, role) => {
      const bytes = Buffer.from(`file of ${role} ${next()}`);
      return { projectId: f.projectA, hash: sha256(bytes), kind: 'document', mime: 'text/plain', size: bytes.length };
    },
    expected: membersOfA(200),
  },
  uploadStatus: { url: (f) => `/api/attachments/${f.projectA}/${f.photo}/status`, expected: membersOfA(200) },
  // A chunk at the wrong offset of the pending upload: members are told where to continue (409), changing nothing.
  putChunk: {
    url: (f) => `/api/attachments/${f.projectA}/${f.pending}/chunks/5`,
    body: () => Buffer.from('xx'),
    contentType: 'application/octet-stream',
    expected: membersOfA(409),
  },
  completeUpload: { url: (f) => `/api/attachments/${f.projectA}/${f.pending}/complete`, body: () => ({}), expected: membersOfA(409) },
  getAttachment: { url: (f) => `/api/attachments/${f.projectA}/${f.photo}`, expected: authorOrCoordinatorsOfA },
  listReportAttachments: { url: (f) => `/api/reports/${f.reportId}/attachments`, expected: authorOrCoordinatorsOfA },
  getAttachmentSettings: { url: (f) => `/api/projects/${f.projectA}/attachment-settings`, expected: membersOfA(200) },
  putAttachmentSettings: {
    url: (f) => `/api/projects/${f.projectA}/attachment-settings`,
    body: () => ({ kinds: ['photo', 'document', 'audio'], maxBytes: 20 * 1024 * 1024 }),
    expected: [401, 403, 404, 200, 404, 200, 403, 403, 404, 401],
  },
  getSentRetention: { url: (f) => `/api/projects/${f.projectA}/sent-retention`, expected: membersOfA(200) },
  // Members of A who are not its coordinators are refused (403); everyone else learns nothing (404).
  putSentRetention: { url: (f) => `/api/projects/${f.projectA}/sent-retention`, body: () => ({ days: 7 }), expected: [401, 403, 404, 200, 404, 200, 403, 403, 404, 401] },
  getRegionalStandards: { url: (f) => `/api/projects/${f.projectA}/regional-standards`, expected: membersOfA(200) },
  putRegionalStandards: {
    url: (f) => `/api/projects/${f.projectA}/regional-standards`,
    body: () => ({ regions: [] }),
    expected: [401, 403, 404, 200, 404, 200, 403, 403, 404, 401],
  },
  // Sealed projects (s11): which devices still send readable versions, for the project's coordinators.
  listReadableSenders: { url: (f) => `/api/projects/${f.projectA}/readable-senders`, expected: coordinatorsOfA(200, 403) },
  // Sealed projects' keys (issue 11). A person's own keys: any password session (observers have none to read), never a phone.
  getMyKeys: { url: () => '/api/me/keys', expected: [401, 200, 200, 200, 200, 200, 403, 200, 403, 401] },
  // coord sends their own public key again (a re-wrap: their grant of A stays); the others make a first key. Observers keep none.
  setPersonalKey: {
    url: () => '/api/me/key',
    body: (f, role) => (role === 'coordinatorOwn' ? f.keys.coordKey : f.keys.freshKey),
    expected: [401, 403, 403, 200, 200, 200, 403, 403, 403, 401],
  },
  getProjectKeys: { url: (f) => `/api/projects/${f.projectA}/keys`, expected: coordinatorsOfA(200, 403) },
  // A is sealed already: its coordinator is told so (409); nobody else may seal it, administrators included (not key holders).
  sealProject: { url: (f) => `/api/projects/${f.projectA}/seal`, body: (f) => f.keys.seal, expected: [401, 403, 403, 409, 403, 403, 403, 403, 403, 401] },
  // Only a coordinator of A who holds its key grants it; B's coordinator and administrators are refused before anything is read.
  grantProjectKey: { url: (f) => `/api/projects/${f.projectA}/key-grants`, body: (f) => f.keys.grantToCoord2, expected: [401, 403, 403, 200, 403, 403, 403, 403, 403, 401] },
  // Re-sealing stored readable versions (issue 11 part 5): only a coordinator of A who holds its key.
  listReadableVersions: { url: (f) => `/api/projects/${f.projectA}/readable-versions`, expected: [401, 403, 403, 200, 403, 403, 403, 403, 403, 401] },
  resealVersions: { url: (f) => `/api/projects/${f.projectA}/readable-versions/sealed`, body: (f) => f.keys.resealed, expected: [401, 403, 403, 200, 403, 403, 403, 403, 403, 401] },
};

/** One version sealed to the project's key as the re-seal job seals it (its report is not stored: the answer is `changed`). */
async function resealBody(project: { readonly publicKey: EcPublicJwk; readonly unlocked: { readonly kid: string } }, projectId: string, caseId: string): Promise<unknown> {
  const reportId = uuidv7();
  const { sealed } = await sealReport(nodeCrypto, { kid: project.unlocked.kid, publicKey: project.publicKey }, reportId, 0, readableFields(projectId, caseId));
  return { versions: [{ reportId, version: 1, formId: 'hearing', formVersion: 1, contentHash: '0'.repeat(64), sealed }] };
}

describe.each(testEngines())('authorization matrix on %s', (engine) => {
  let server: TestServer;
  let app: FastifyInstance;
  let fixture: Fixture;
  let people: Record<Exclude<Role, 'anonymous' | 'device' | 'deviceOfB'>, Person>;

  beforeAll(async () => {
    server = await startTestServer(engine);
    // A second app on the same database, checking every answer against the table.
    app = await buildApp({ database: server.database, checkResponses: true });
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
    const entry = async (code: string): Promise<string> => {
      const added = await server.request(server.people.coord, 'POST', `/api/cases/${caseId}/people`, { code, role: 'witness', name: `Свидетель ${code === 'D1' ? 'Петров' : 'Смирнов'}` });
      expect(added.statusCode).toBe(200);
      return added.json<{ person: { id: string } }>().person.id;
    };
    const coordKey = await setPersonalKeyVia(server, server.people.coord);
    const sealedA = await sealVia(server, server.people.coord, coordKey, server.projectA);
    const coord2 = await addPerson(server, 'coord2', { project: server.projectA, role: 'coordinator' });
    const coord2Key = await setPersonalKeyVia(server, coord2);
    const fresh = await personalKeyOf(admin);
    const anotherProjectKey = await createProjectKey(nodeCrypto);
    fixture = {
      keys: {
        coordKey: { publicKey: coordKey.publicKey, wrappedPrivateKey: coordKey.wrappedPrivateKey },
        freshKey: { publicKey: fresh.publicKey, wrappedPrivateKey: fresh.wrappedPrivateKey },
        seal: { publicKey: anotherProjectKey.publicKey, grant: await grantFor(server.projectA, anotherProjectKey.unlocked, coordKey) },
        grantToCoord2: { userId: coord2.id, sealedKey: await grantFor(server.projectA, sealedA.unlocked, coord2Key) },
        resealed: await resealBody(sealedA, server.projectA, caseId),
      },
      personId: await entry('D1'),
      removable: { coordinatorOwn: await entry('R1'), admin: await entry('R2') },
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

  it('has a row for every route of the table, and no row for a route that is not in it', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(contract).sort());
  });

  it.each(Object.entries(contract).map(([name, entry]) => [routeKey(entry), entry, MATRIX[name as RouteName]] as const))('%s', async (_name, entry, row) => {
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
      const response = await app.inject({ method: entry.method, url: row.url(fixture), headers, remoteAddress, ...(body === undefined ? {} : { payload: body as object }) });
      actual[role] = response.statusCode;
    }
    expect(actual).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, row.expected[i]])));
  });
});
