import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createProjectKey, grantForCoordinator, openGrant, unlockPersonalKey } from '../../src/app/coordinator/sealing/key-flow.ts';
import { keyId } from '../../src/core/seal/keys.ts';
import type { KeyGrant, MyKeys, PersonalKey, ProjectKeys } from '../../src/core/api/keys.ts';
import { buildApp } from '../../src/server/app.ts';
import { addMember } from '../../src/server/users.ts';
import { testEngines } from '../helpers/databases.ts';
import { addPerson } from '../helpers/people.ts';
import { grantFor, nodeCrypto, personalKeyOf, sealVia, setPersonalKeyVia } from '../helpers/sealing.ts';
import { startTestServer, type Person, type TestServer } from '../helpers/test-server.ts';

/**
 * Sealed projects' keys (src/server/domain/project-keys.ts) against the real databases: a personal key
 * set and re-wrapped, a project sealed once, its key granted to another coordinator who opens it, and
 * every bad input refused with its code while nothing stored changes. Who may call which route is the
 * authorization matrix's.
 */
describe.each(testEngines())('project keys on %s', (engine) => {
  let server: TestServer;

  /** Everything the key routes write: "nothing stored" is these being equal before and after. */
  const keyTables = async () => {
    const db = server.database.db;
    return {
      seals: await db.selectFrom('project_seals').selectAll().orderBy('project_id').execute(),
      keys: await db.selectFrom('user_keys').selectAll().orderBy('user_id').execute(),
      grants: await db.selectFrom('project_key_grants').selectAll().orderBy('project_id').orderBy('user_id').execute(),
      audit: (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n,
    };
  };
  const expectRefused = async (work: () => Promise<LightMyRequestResponse>, status: number, code: string) => {
    const before = await keyTables();
    const answer = await work();
    expect(answer.statusCode).toBe(status);
    expect(answer.json<{ error: { code: string } }>().error.code).toBe(code);
    expect(await keyTables()).toEqual(before);
  };

  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  it('seals a project, grants its key to a second coordinator, who opens it with their passphrase', async () => {
    const { coord } = server.people;
    const coordKey = await setPersonalKeyVia(server, coord);
    const project = await sealVia(server, coord, coordKey, server.projectA);
    const second = await addPerson(server, 'second', { project: server.projectA, role: 'coordinator' });
    await setPersonalKeyVia(server, second, 'the second coordinator passphrase');

    const listed = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/keys`)).json<ProjectKeys>();
    expect(listed.seal?.kid).toBe(project.unlocked.kid);
    expect(listed.sealingRequired).toBe(false);
    expect(listed.coordinators.map((c) => [c.username, c.hasKey, c.personalKey !== null])).toEqual([
      ['coord', true, true],
      ['second', false, true],
    ]);

    const secondListed = listed.coordinators.find((c) => c.username === 'second');
    if (secondListed === undefined) throw new Error('second is listed');
    // The granter's browser seals to the public key the server lists for the grantee.
    const sealedKey = await grantForCoordinator(nodeCrypto, server.projectA, project.unlocked, secondListed);
    const granted = await server.request(coord, 'POST', `/api/projects/${server.projectA}/key-grants`, { userId: second.id, sealedKey });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toEqual({ ok: true, replaced: false });

    // The second coordinator, in "another browser": only the server's answers and their passphrase.
    const mine = (await server.request(second, 'GET', '/api/me/keys')).json<MyKeys>();
    if (mine.personalKey === null) throw new Error('a personal key was stored');
    const personal = await unlockPersonalKey(nodeCrypto, second.id, mine.personalKey, 'the second coordinator passphrase');
    const grant = mine.grants.find((g) => g.projectId === server.projectA);
    if (grant === undefined) throw new Error('the grant is listed');
    const opened = await openGrant(nodeCrypto, second.id, personal, grant, { kid: project.unlocked.kid });
    expect(opened.kid).toBe(project.unlocked.kid);
    await expect(unlockPersonalKey(nodeCrypto, second.id, mine.personalKey, 'not the passphrase at all')).rejects.toMatchObject({ fault: 'wrong_passphrase' });

    const actions = await server.database.db.selectFrom('audit_log').select(['action', 'target']).where('action', 'in', ['key.personal_set', 'project.sealed', 'key.granted']).orderBy('id').execute();
    expect(actions).toEqual([
      { action: 'key.personal_set', target: coord.id },
      { action: 'project.sealed', target: server.projectA },
      { action: 'key.personal_set', target: second.id },
      { action: 'key.granted', target: second.id },
    ]);
    // The server holds no private key it can read: the stored values are the wrapped and sealed forms only.
    const stored = await keyTables();
    expect(JSON.stringify(stored)).not.toContain('"d"');
  });

  it('re-wraps the same personal key, refuses a new key pair while grants exist, and discards them only when told', async () => {
    const { coord } = server.people;
    const mine = (await server.request(coord, 'GET', '/api/me/keys')).json<MyKeys>();
    const personal = mine.personalKey as PersonalKey;
    const rewrapped = await personalKeyOf(coord, 'a brand new passphrase here');
    // Same public key, another wrapping: accepted, grants untouched.
    const again = await server.request(coord, 'PUT', '/api/me/key', { publicKey: personal.publicKey, wrappedPrivateKey: rewrapped.wrappedPrivateKey });
    expect(again.json()).toMatchObject({ change: 'rewrapped', discardedGrants: 0 });
    const other = await personalKeyOf(coord);
    await expectRefused(() => server.request(coord, 'PUT', '/api/me/key', { publicKey: other.publicKey, wrappedPrivateKey: other.wrappedPrivateKey }), 409, 'personal_key_has_grants');
    const discarded = await server.request(coord, 'PUT', '/api/me/key', { publicKey: other.publicKey, wrappedPrivateKey: other.wrappedPrivateKey, discardGrants: true });
    expect(discarded.json()).toMatchObject({ change: 'replaced', discardedGrants: 1 });
    expect((await server.request(coord, 'GET', '/api/me/keys')).json<MyKeys>().grants).toEqual([]);
    // Restoring (from the recovery file) is a grant to oneself: allowed without holding a grant.
    const project = (await server.request(coord, 'GET', `/api/projects/${server.projectA}/keys`)).json<ProjectKeys>();
    expect(project.coordinators.find((c) => c.username === 'coord')?.hasKey).toBe(false);
  });

  it('refuses malformed keys, wrong public keys, malformed or misaddressed grants, and grants to non-coordinators, storing nothing', async () => {
    const owner = await addPerson(server, 'owner', { project: server.projectB, role: 'coordinator' });
    const ownerKey = await personalKeyOf(owner);
    const project = await createProjectKey(nodeCrypto);
    const seal = async () => ({ publicKey: project.publicKey, grant: await grantFor(server.projectB, project.unlocked, ownerKey) });

    // No personal key yet: sealing is refused.
    await expectRefused(async () => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, await seal()), 409, 'personal_key_required');
    // Malformed JWKs and a point off the curve.
    const offCurve = { ...ownerKey.publicKey, y: ownerKey.publicKey.x };
    for (const publicKey of [{ kty: 'EC' }, 'a key', { ...ownerKey.publicKey, crv: 'P-384' }, offCurve, { ...ownerKey.publicKey, d: 'private!' }]) {
      await expectRefused(() => server.request(owner, 'PUT', '/api/me/key', { publicKey, wrappedPrivateKey: ownerKey.wrappedPrivateKey }), 400, 'bad_public_key');
    }
    await expectRefused(() => server.request(owner, 'PUT', '/api/me/key', { publicKey: ownerKey.publicKey, wrappedPrivateKey: { ...ownerKey.wrappedPrivateKey, iterations: 1000 } }), 400, 'invalid_input');
    expect((await server.request(owner, 'PUT', '/api/me/key', { publicKey: ownerKey.publicKey, wrappedPrivateKey: ownerKey.wrappedPrivateKey })).statusCode).toBe(200);

    await expectRefused(async () => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { ...(await seal()), publicKey: offCurve }), 400, 'bad_public_key');
    const good = await seal();
    const box = good.grant;
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { ...good, grant: { ...box, v: 2 } }), 400, 'bad_sealed_key');
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { ...good, grant: 'sealed' }), 400, 'bad_sealed_key');
    // A grant sealed to somebody else's key (or to two keys) is no grant of the caller's.
    const stranger = await personalKeyOf({ id: uuidv7() });
    const toStranger = await grantFor(server.projectB, project.unlocked, stranger);
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { ...good, grant: toStranger }), 400, 'grant_for_another_key');
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { ...good, grant: { ...box, to: [...box.to, ...toStranger.to] } }), 400, 'grant_for_another_key');
    // Granting before the project is sealed.
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: owner.id, sealedKey: box }), 409, 'project_not_sealed');

    expect((await server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, good)).statusCode).toBe(201);
    expect(await keyId(nodeCrypto, project.publicKey)).toBe(project.unlocked.kid);
    const another = await createProjectKey(nodeCrypto);
    await expectRefused(async () => server.request(owner, 'POST', `/api/projects/${server.projectB}/seal`, { publicKey: another.publicKey, grant: await grantFor(server.projectB, another.unlocked, ownerKey) }), 409, 'project_already_sealed');

    // Grants to an observer of B, to a coordinator of A only, to nobody: a clear 400, nothing stored.
    const observer = server.people.obsb;
    const observerKey = await personalKeyOf(observer);
    await server.database.db.insertInto('user_keys').values({ user_id: observer.id, public_key: JSON.stringify(observerKey.publicKey), kid: observerKey.unlocked.kid, wrapped_private_key: JSON.stringify(observerKey.wrappedPrivateKey), created_at: 'now', updated_at: 'now' }).execute();
    await expectRefused(async () => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: observer.id, sealedKey: await grantFor(server.projectB, project.unlocked, observerKey) }), 400, 'grantee_not_coordinator');
    await expectRefused(async () => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: server.people.coord.id, sealedKey: box }), 400, 'grantee_not_coordinator');
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: uuidv7(), sealedKey: box }), 400, 'grantee_not_coordinator');
    // A coordinator of B without a personal key; then with one, but the box sealed to the owner's key.
    const newcomer: Person = await addPerson(server, 'newcomer', { project: server.projectB, role: 'coordinator' });
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: newcomer.id, sealedKey: box }), 409, 'grantee_without_key');
    const newcomerKey = await setPersonalKeyVia(server, newcomer);
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: newcomer.id, sealedKey: box }), 400, 'grant_for_another_key');
    await expectRefused(() => server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: newcomer.id, sealedKey: { ...box, iv: 'short' } }), 400, 'bad_sealed_key');
    // The newcomer holds no grant: they cannot grant to a third coordinator.
    const third = await addPerson(server, 'third', { project: server.projectB, role: 'coordinator' });
    const thirdKey = await setPersonalKeyVia(server, third);
    await expectRefused(async () => server.request(newcomer, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: third.id, sealedKey: await grantFor(server.projectB, project.unlocked, thirdKey) }), 403, 'no_project_key');
    // A coordinator of A reads and writes nothing of B's keys.
    await expectRefused(() => server.request(server.people.coord, 'GET', `/api/projects/${server.projectB}/keys`), 403, 'forbidden');
    await expectRefused(async () => server.request(server.people.coord, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: newcomer.id, sealedKey: await grantFor(server.projectB, project.unlocked, newcomerKey) }), 403, 'forbidden');
    // And the real grant goes through.
    expect((await server.request(owner, 'POST', `/api/projects/${server.projectB}/key-grants`, { userId: newcomer.id, sealedKey: await grantFor(server.projectB, project.unlocked, newcomerKey) })).statusCode).toBe(200);
  });

  it('lists only the grants of projects the person coordinates now', async () => {
    const mover = await addPerson(server, 'mover', { project: server.projectA, role: 'coordinator' });
    const moverKey = await setPersonalKeyVia(server, mover);
    const seal = await server.database.db.selectFrom('project_seals').select('kid').where('project_id', '=', server.projectA).executeTakeFirstOrThrow();
    // A grant stored for A; then the person becomes an observer of A.
    const fakeProject = { kid: seal.kid, privateKey: moverKey.unlocked.privateKey };
    await server.database.db.insertInto('project_key_grants').values({ project_id: server.projectA, user_id: mover.id, project_kid: seal.kid, sealed_key: JSON.stringify(await grantFor(server.projectA, fakeProject, moverKey)), granted_by: mover.id, granted_at: 'now' }).execute();
    expect((await server.request(mover, 'GET', '/api/me/keys')).json<MyKeys>().grants.map((g: KeyGrant) => g.projectId)).toEqual([server.projectA]);
    await addMember(server.database.db, server.projectA, mover.id, 'observer');
    expect((await server.request(mover, 'GET', '/api/me/keys')).json<MyKeys>().grants).toEqual([]);
  });

  it("answers sealingRequired from the administrator's REQUIRE_SEALED_PROJECTS", async () => {
    const required = await buildApp({ database: server.database, checkResponses: true, sealingRequired: true });
    const answer = await required.inject({ method: 'GET', url: `/api/projects/${server.projectA}/keys`, headers: { cookie: server.people.coord.cookie } });
    expect(answer.json<ProjectKeys>().sealingRequired).toBe(true);
    await required.close();
  });
});
