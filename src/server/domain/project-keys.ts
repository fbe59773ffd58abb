import type { Kysely } from 'kysely';
import type { KeyCoordinator, MyKeys, PersonalKeyChange, ProjectKeys } from '../../core/api/keys.ts';
import { parseSealedBox, type SealedBox } from '../../core/seal/envelope.ts';
import { importPublicJwk, keyId, PassphraseWrapped, PublicJwk } from '../../core/seal/keys.ts';
import type { EcPublicJwk } from '../../core/seal/web-crypto.ts';
import * as v from 'valibot';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { apiError, forbidden } from '../errors.ts';
import { serverSealCrypto } from '../seal-crypto.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * Sealed projects' keys (issue 11; docs/security.md "Sealed projects"). The server keeps only what it
 * cannot open: a coordinator's personal public key and its private half wrapped by their passphrase; a
 * project's public key; and grants, the project's private key sealed to one coordinator's personal key.
 * Every key and box is checked with the sealing code's own parsers before anything is stored, and each
 * change is one transaction with its audit entry.
 *
 * Who: reading a project's keys is for its coordinators (and administrators, who see every project's
 * state). Sealing and granting are for the project's coordinators themselves, signed in with their
 * password: a key holder is a person of the project, never an administrator from outside it nor a phone.
 */

const PUBLIC_KEY = 'bad_public_key';
/** Exactly the public members: a JWK that also carries `d` is a private key sent by mistake, and is refused, not trimmed and kept. */
const PublicMembersOnly = v.strictObject({ kty: v.string(), crv: v.string(), x: v.string(), y: v.string() });

/** A checked P-256 public key and its key id; a malformed JWK or a point off the curve is a 400 bad_public_key. */
async function checkedPublicKey(value: unknown): Promise<{ jwk: EcPublicJwk; kid: string }> {
  if (!v.is(PublicMembersOnly, value)) throw apiError(PUBLIC_KEY, {});
  try {
    await importPublicJwk(serverSealCrypto, value);
  } catch {
    throw apiError(PUBLIC_KEY, {});
  }
  const jwk = v.parse(PublicJwk, value);
  return { jwk, kid: await keyId(serverSealCrypto, jwk) };
}

function checkedBox(value: unknown): SealedBox {
  try {
    return parseSealedBox(value);
  } catch {
    throw apiError('bad_sealed_key', {});
  }
}

/** A grant is sealed to exactly one key, the grantee's personal key: anything else is useless to them, or readable by someone else. */
function requireSealedTo(box: SealedBox, kid: string): void {
  if (box.to.length !== 1 || box.to[0]?.kid !== kid) throw apiError('grant_for_another_key', {});
}

/** Keys are a person's business, signed in with their password: a phone's token never reads or writes them. */
function requirePersonSession(access: Access): void {
  if (access.deviceId !== undefined) throw forbidden('keys_from_device');
}

/** Sealing and granting: a coordinator of the project itself (a membership), signed in with their password. */
function requireKeyHolderRole(access: Access, projectId: string): void {
  requirePersonSession(access);
  if (access.roles.get(projectId) !== 'coordinator') throw forbidden('project_keys');
}

const json = (value: unknown): string => JSON.stringify(value);

/** GET /api/me/keys: my personal key (wrapped) and my grants in the projects I coordinate now. */
export async function myKeys(db: Kysely<Database>, access: Access): Promise<MyKeys> {
  requirePersonSession(access);
  const key = await db.selectFrom('user_keys').selectAll().where('user_id', '=', access.user.id).executeTakeFirst();
  const projects = coordinatedProjects(access);
  const grants =
    projects.length === 0
      ? []
      : await db
          .selectFrom('project_key_grants')
          .innerJoin('project_seals', (j) => j.onRef('project_seals.project_id', '=', 'project_key_grants.project_id').onRef('project_seals.kid', '=', 'project_key_grants.project_kid'))
          .select(['project_key_grants.project_id', 'project_key_grants.project_kid', 'project_key_grants.sealed_key', 'project_key_grants.granted_by', 'project_key_grants.granted_at'])
          .where('project_key_grants.user_id', '=', access.user.id)
          .where('project_key_grants.project_id', 'in', projects)
          .orderBy('project_key_grants.project_id')
          .execute();
  return {
    personalKey:
      key === undefined
        ? null
        : { publicKey: v.parse(PublicJwk, JSON.parse(key.public_key)), kid: key.kid, wrappedPrivateKey: v.parse(PassphraseWrapped, JSON.parse(key.wrapped_private_key)), updatedAt: key.updated_at },
    grants: grants.map((g) => ({ projectId: g.project_id, projectKid: g.project_kid, sealedKey: parseSealedBox(JSON.parse(g.sealed_key)), grantedBy: g.granted_by, grantedAt: g.granted_at })),
  };
}

/**
 * PUT /api/me/key. The same public key again re-wraps the private half (a new passphrase): grants stay
 * valid, since they are sealed to the public key. A new key pair is refused while grants to the old one
 * exist (personal_key_has_grants), because those grants open only with the old private key and would be
 * lost without a word; the person may discard them on purpose (`discardGrants`: a forgotten passphrase,
 * when they are lost anyway), and is then granted again by another coordinator or restores from a
 * recovery file. The server cannot re-grant: it never holds a project's private key.
 */
export async function setPersonalKey(
  db: Kysely<Database>,
  actor: PersonActor,
  access: Access,
  input: { readonly publicKey: unknown; readonly wrappedPrivateKey: PassphraseWrapped; readonly discardGrants?: true | undefined },
): Promise<{ ok: true; kid: string; change: PersonalKeyChange; discardedGrants: number }> {
  requirePersonSession(access);
  if (!access.isAdmin && coordinatedProjects(access).length === 0) throw forbidden('project_keys');
  const { jwk, kid } = await checkedPublicKey(input.publicKey);
  const userId = access.user.id;
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('user_keys').select(['kid']).where('user_id', '=', userId).executeTakeFirst();
    let change: PersonalKeyChange;
    let discardedGrants = 0;
    if (existing === undefined) {
      change = 'created';
      await trx.insertInto('user_keys').values({ user_id: userId, public_key: json(jwk), kid, wrapped_private_key: json(input.wrappedPrivateKey), created_at: now, updated_at: now }).execute();
    } else {
      if (existing.kid === kid) {
        change = 'rewrapped';
      } else {
        change = 'replaced';
        const held = await trx.selectFrom('project_key_grants').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
        discardedGrants = Number(held.n);
        if (discardedGrants > 0 && input.discardGrants !== true) throw apiError('personal_key_has_grants', { grants: discardedGrants });
        if (discardedGrants > 0) await trx.deleteFrom('project_key_grants').where('user_id', '=', userId).execute();
      }
      await trx.updateTable('user_keys').set({ public_key: json(jwk), kid, wrapped_private_key: json(input.wrappedPrivateKey), updated_at: now }).where('user_id', '=', userId).execute();
    }
    await record(trx, actor, { action: 'key.personal_set', projectId: null, target: userId, detail: { kid, change, discardedGrants } });
    return { ok: true as const, kid, change, discardedGrants };
  });
}

/** GET /api/projects/:projectId/keys: the project's seal and which of its coordinators hold its key. */
export async function projectKeys(db: Kysely<Database>, access: Access, projectId: string, sealingRequired: boolean): Promise<ProjectKeys> {
  if (!isCoordinator(access, projectId)) throw forbidden('project_keys');
  const seal = await db
    .selectFrom('project_seals')
    .innerJoin('users', 'users.id', 'project_seals.sealed_by')
    .select(['project_seals.public_key', 'project_seals.kid', 'project_seals.sealed_at', 'project_seals.sealed_by', 'users.display_name'])
    .where('project_seals.project_id', '=', projectId)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('user_keys', 'user_keys.user_id', 'users.id')
    .leftJoin('project_key_grants', (j) => j.onRef('project_key_grants.user_id', '=', 'users.id').on('project_key_grants.project_id', '=', projectId).on('project_key_grants.project_kid', '=', seal?.kid ?? ''))
    .select(['users.id', 'users.username', 'users.display_name', 'user_keys.kid', 'user_keys.public_key', 'project_key_grants.granted_at'])
    .where('memberships.project_id', '=', projectId)
    .where('memberships.role', '=', 'coordinator')
    .where('users.disabled_at', 'is', null)
    .orderBy('users.username')
    .execute();
  const coordinators: KeyCoordinator[] = rows.map((r) => ({
    userId: r.id,
    username: r.username,
    displayName: r.display_name,
    personalKey: r.kid === null || r.public_key === null ? null : { kid: r.kid, publicKey: v.parse(PublicJwk, JSON.parse(r.public_key)) },
    hasKey: r.granted_at !== null,
    grantedAt: r.granted_at,
  }));
  return {
    projectId,
    sealingRequired,
    seal: seal === undefined ? null : { publicKey: v.parse(PublicJwk, JSON.parse(seal.public_key)), kid: seal.kid, sealedAt: seal.sealed_at, sealedBy: { id: seal.sealed_by, name: seal.display_name } },
    coordinators,
  };
}

/**
 * POST /api/projects/:projectId/seal: stores the project's public key (from now on devices seal to it,
 * src/server/sync) and the caller's own grant of the private key, sealed to their personal key. A project
 * is sealed once: a second seal (or two coordinators at once) is refused, since reports sealed to the
 * first key would be unreadable to holders of the second.
 */
export async function sealProject(db: Kysely<Database>, actor: PersonActor, access: Access, projectId: string, input: { readonly publicKey: unknown; readonly grant: unknown }): Promise<{ ok: true; kid: string }> {
  requireKeyHolderRole(access, projectId);
  const { jwk, kid } = await checkedPublicKey(input.publicKey);
  const grant = checkedBox(input.grant);
  const userId = access.user.id;
  const now = new Date().toISOString();
  try {
    return await inTransaction(db, async (trx) => {
      const personal = await trx.selectFrom('user_keys').select('kid').where('user_id', '=', userId).executeTakeFirst();
      if (personal === undefined) throw apiError('personal_key_required', {});
      const sealed = await trx.selectFrom('project_seals').select('kid').where('project_id', '=', projectId).executeTakeFirst();
      if (sealed !== undefined) throw apiError('project_already_sealed', {});
      requireSealedTo(grant, personal.kid);
      await trx.insertInto('project_seals').values({ project_id: projectId, public_key: json(jwk), kid, sealed_at: now, sealed_by: userId }).execute();
      await trx.insertInto('project_key_grants').values({ project_id: projectId, user_id: userId, project_kid: kid, sealed_key: json(grant), granted_by: userId, granted_at: now }).execute();
      await record(trx, actor, { action: 'project.sealed', projectId, target: projectId, detail: { kid } });
      return { ok: true as const, kid };
    });
  } catch (error) {
    // Two coordinators sealing at the same moment: the second insert meets the first's row.
    if (isUniqueViolation(error)) throw apiError('project_already_sealed', {});
    throw error;
  }
}

/**
 * POST /api/projects/:projectId/key-grants: the project's private key sealed (in the granter's browser)
 * to another coordinator's personal key. The granter must hold the key; the grantee must be a coordinator
 * of the project with a personal key, and the box must be sealed to that key alone. Granting to oneself
 * is restoring from a recovery file (the private key came from it, not from a grant), so it needs no
 * grant: a box a person seals to themselves can only harm their own access. A new grant replaces the
 * grantee's old one (after they made a new key pair).
 */
export async function grantProjectKey(db: Kysely<Database>, actor: PersonActor, access: Access, projectId: string, input: { readonly userId: string; readonly sealedKey: unknown }): Promise<{ ok: true; replaced: boolean }> {
  requireKeyHolderRole(access, projectId);
  const box = checkedBox(input.sealedKey);
  const granterId = access.user.id;
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const seal = await trx.selectFrom('project_seals').select('kid').where('project_id', '=', projectId).executeTakeFirst();
    if (seal === undefined) throw apiError('project_not_sealed', {});
    const membership = await trx.selectFrom('memberships').select('role').where('project_id', '=', projectId).where('user_id', '=', input.userId).executeTakeFirst();
    if (membership?.role !== 'coordinator') throw apiError('grantee_not_coordinator', {});
    const personal = await trx.selectFrom('user_keys').select('kid').where('user_id', '=', input.userId).executeTakeFirst();
    if (personal === undefined) throw apiError('grantee_without_key', {});
    if (input.userId !== granterId) {
      const held = await trx.selectFrom('project_key_grants').select('user_id').where('project_id', '=', projectId).where('user_id', '=', granterId).where('project_kid', '=', seal.kid).executeTakeFirst();
      if (held === undefined) throw apiError('no_project_key', {});
    }
    requireSealedTo(box, personal.kid);
    const old = await trx.selectFrom('project_key_grants').select('user_id').where('project_id', '=', projectId).where('user_id', '=', input.userId).executeTakeFirst();
    const row = { project_kid: seal.kid, sealed_key: json(box), granted_by: granterId, granted_at: now };
    if (old === undefined) await trx.insertInto('project_key_grants').values({ project_id: projectId, user_id: input.userId, ...row }).execute();
    else await trx.updateTable('project_key_grants').set(row).where('project_id', '=', projectId).where('user_id', '=', input.userId).execute();
    await record(trx, actor, { action: 'key.granted', projectId, target: input.userId, detail: { kid: seal.kid, replaced: old !== undefined, restored: input.userId === granterId } });
    return { ok: true as const, replaced: old !== undefined };
  });
}
