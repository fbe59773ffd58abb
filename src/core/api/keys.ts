/**
 * Sealed projects' keys (issue 11; docs/security.md "Sealed projects"): a coordinator's personal key pair
 * (the private half wrapped by their passphrase), a project's public key, and grants (the project's
 * private key sealed to one coordinator's personal key). The server stores and hands these out; it never
 * holds a private key it can open. Public keys and sealed values are taken as `unknown` in bodies and
 * checked by the domain (src/server/domain/project-keys.ts) with the sealing code's own parsers, so that a
 * malformed key or box gets its own clear refusal (bad_public_key, bad_sealed_key) rather than a schema fault.
 */
import * as v from 'valibot';
import { SealedBox } from '../seal/envelope.ts';
import { PassphraseWrapped, PublicJwk } from '../seal/keys.ts';
import { Uuid } from '../sync/protocol.ts';
import { Timestamp } from './common.ts';

const Kid = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'a key id'));

/**
 * PUT /api/me/key: set my personal key, or re-wrap it (the same public key, a new passphrase). A new key
 * pair while grants to the old one exist is refused unless `discardGrants` says to drop them (a forgotten
 * passphrase: those grants can never be opened again; another coordinator grants again, or a recovery file restores).
 */
export const PersonalKeyInput = v.strictObject({
  publicKey: v.unknown(),
  wrappedPrivateKey: PassphraseWrapped,
  discardGrants: v.optional(v.literal(true)),
});
export const PersonalKeyChange = v.picklist(['created', 'rewrapped', 'replaced']);
export type PersonalKeyChange = v.InferOutput<typeof PersonalKeyChange>;
export const PersonalKeySet = v.object({ ok: v.literal(true), kid: Kid, change: PersonalKeyChange, discardedGrants: v.number() });

export const PersonalKey = v.object({ publicKey: PublicJwk, kid: Kid, wrappedPrivateKey: PassphraseWrapped, updatedAt: Timestamp });
export type PersonalKey = v.InferOutput<typeof PersonalKey>;
/** A project's private key sealed to my personal key (grantBinding(projectId, projectKid, my id)). */
export const KeyGrant = v.object({ projectId: v.string(), projectKid: Kid, sealedKey: SealedBox, grantedBy: v.string(), grantedAt: Timestamp });
export type KeyGrant = v.InferOutput<typeof KeyGrant>;
/** GET /api/me/keys: my personal key and my grants in the projects I coordinate now. */
export const MyKeys = v.object({ personalKey: v.nullable(PersonalKey), grants: v.array(KeyGrant) });
export type MyKeys = v.InferOutput<typeof MyKeys>;

export const ProjectSeal = v.object({ publicKey: PublicJwk, kid: Kid, sealedAt: Timestamp, sealedBy: v.object({ id: v.string(), name: v.string() }) });
export type ProjectSeal = v.InferOutput<typeof ProjectSeal>;
export const KeyCoordinator = v.object({
  userId: v.string(),
  username: v.string(),
  displayName: v.string(),
  /** Their personal public key, to seal a grant to; null until they set one. */
  personalKey: v.nullable(v.object({ kid: Kid, publicKey: PublicJwk })),
  /** Whether they hold a grant of the project's current key. */
  hasKey: v.boolean(),
  grantedAt: v.nullable(Timestamp),
});
export type KeyCoordinator = v.InferOutput<typeof KeyCoordinator>;
/**
 * GET /api/projects/:projectId/keys: whether the project is sealed, with which public key, and which of
 * its coordinators hold the key. `sealingRequired`: the administrator requires every project to be sealed
 * (REQUIRE_SEALED_PROJECTS): devices' reports are not received until it is.
 */
export const ProjectKeys = v.object({ projectId: v.string(), sealingRequired: v.boolean(), seal: v.nullable(ProjectSeal), coordinators: v.array(KeyCoordinator) });
export type ProjectKeys = v.InferOutput<typeof ProjectKeys>;

/** POST /api/projects/:projectId/seal: the project's public key and the caller's own grant of its private key. */
export const SealProject = v.strictObject({ publicKey: v.unknown(), grant: v.unknown() });
export const ProjectSealed = v.object({ ok: v.literal(true), kid: Kid });

/** POST /api/projects/:projectId/key-grants: the project's private key sealed to another coordinator (or to myself, restoring). */
export const GrantInput = v.strictObject({ userId: Uuid, sealedKey: v.unknown() });
export const KeyGranted = v.object({ ok: v.literal(true), replaced: v.boolean() });
