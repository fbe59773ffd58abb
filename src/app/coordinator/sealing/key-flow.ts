/**
 * What the coordinator's browser does with sealed projects' keys (docs/security.md "Sealed projects"), as
 * functions of WebCrypto only, so that unit tests run them on Node's WebCrypto and the screens stay thin:
 * - a personal key pair, its private half wrapped by the coordinator's passphrase (stored on the server);
 * - a project key pair, its private half granted (sealed) to personal keys, and a recovery file (the
 *   private half wrapped by a generated recovery code);
 * - unlocking: passphrase -> personal private key -> grant -> the project's private key, checked against
 *   the project's public key so that a wrong or swapped grant is caught before anything is opened with it.
 * Nothing here talks to the server: the screens pass the answers of the key routes (src/core/api/keys.ts).
 */
import * as v from 'valibot';
import type { KeyCoordinator, KeyGrant, PersonalKey, ProjectSeal } from '../../../core/api/keys.ts';
import { openBox, sealBox, type SealedBox } from '../../../core/seal/envelope.ts';
import { grantBinding, personalKeyPurpose, recoveryPurpose } from '../../../core/seal/bindings.ts';
import { exportPrivateKey, exportPublicJwk, generateKeyPair, importPrivateKey, keyId, PassphraseWrapped, PublicJwk, unwrapWithPassphrase, wrapWithPassphrase } from '../../../core/seal/keys.ts';
import { SealError } from '../../../core/seal/seal-error.ts';
import type { EcPublicJwk, SealCrypto, SealKey } from '../../../core/seal/web-crypto.ts';

/** A private key unlocked in this browser's memory, with the id of its public half. */
export interface UnlockedKey {
  readonly kid: string;
  readonly privateKey: SealKey;
}

/** The public half of a private key (a P-256 private JWK carries x and y), as its key id. */
async function kidOfPrivate(crypto: SealCrypto, privateKey: SealKey): Promise<string> {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const parsed = v.safeParse(PublicJwk, { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  if (!parsed.success) throw new SealError('malformed');
  return keyId(crypto, parsed.output);
}

// Personal keys ------------------------------------------------------------------------------------

/** A new personal key pair: what PUT /api/me/key takes, and the private key unlocked for this session. */
export async function createPersonalKey(crypto: SealCrypto, userId: string, passphrase: string): Promise<{ body: { publicKey: EcPublicJwk; wrappedPrivateKey: PassphraseWrapped }; unlocked: UnlockedKey }> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  const pkcs8 = await exportPrivateKey(crypto, pair.privateKey);
  const wrappedPrivateKey = await wrapWithPassphrase(crypto, pkcs8, passphrase, personalKeyPurpose(userId));
  pkcs8.fill(0);
  return { body: { publicKey, wrappedPrivateKey }, unlocked: { kid: await keyId(crypto, publicKey), privateKey: pair.privateKey } };
}

/** Opens my personal key with my passphrase. Throws SealError wrong_passphrase (or malformed). */
export async function unlockPersonalKey(crypto: SealCrypto, userId: string, personal: PersonalKey, passphrase: string): Promise<UnlockedKey> {
  const pkcs8 = await unwrapWithPassphrase(crypto, personal.wrappedPrivateKey, passphrase, personalKeyPurpose(userId));
  // Extractable: changing the passphrase wraps it again.
  const privateKey = await importPrivateKey(crypto, pkcs8, true);
  pkcs8.fill(0);
  if ((await kidOfPrivate(crypto, privateKey)) !== personal.kid) throw new SealError('cannot_open');
  return { kid: personal.kid, privateKey };
}

/** The same personal key under a new passphrase (PUT /api/me/key re-wraps: grants stay valid). */
export async function rewrapPersonalKey(crypto: SealCrypto, userId: string, personal: PersonalKey, unlocked: UnlockedKey, passphrase: string): Promise<{ publicKey: EcPublicJwk; wrappedPrivateKey: PassphraseWrapped }> {
  const pkcs8 = await exportPrivateKey(crypto, unlocked.privateKey);
  const wrappedPrivateKey = await wrapWithPassphrase(crypto, pkcs8, passphrase, personalKeyPurpose(userId));
  pkcs8.fill(0);
  return { publicKey: personal.publicKey, wrappedPrivateKey };
}

// Project keys and grants --------------------------------------------------------------------------

/** A new project key pair (sealing a project): its public half for devices, its private half to grant. */
export async function createProjectKey(crypto: SealCrypto): Promise<{ publicKey: EcPublicJwk; unlocked: UnlockedKey }> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  return { publicKey, unlocked: { kid: await keyId(crypto, publicKey), privateKey: pair.privateKey } };
}

/** The project's private key sealed to one coordinator's personal key (their grant; mine when sealing or restoring). */
export async function grantTo(crypto: SealCrypto, projectId: string, project: UnlockedKey, grantee: { readonly userId: string; readonly kid: string; readonly publicKey: EcPublicJwk }): Promise<SealedBox> {
  const pkcs8 = await exportPrivateKey(crypto, project.privateKey);
  try {
    return await sealBox(crypto, [{ kid: grantee.kid, publicKey: grantee.publicKey }], pkcs8, grantBinding(projectId, project.kid, grantee.userId));
  } finally {
    pkcs8.fill(0);
  }
}

/** The grant for a coordinator listed by GET /api/projects/:projectId/keys (they must have a personal key). */
export function grantForCoordinator(crypto: SealCrypto, projectId: string, project: UnlockedKey, coordinator: KeyCoordinator): Promise<SealedBox> {
  if (coordinator.personalKey === null) return Promise.reject(new SealError('bad_public_key'));
  return grantTo(crypto, projectId, project, { userId: coordinator.userId, kid: coordinator.personalKey.kid, publicKey: coordinator.personalKey.publicKey });
}

/**
 * Opens my grant of a project with my unlocked personal key, and checks the key it holds is the
 * project's (its public half has the seal's key id). Throws SealError cannot_open, not_a_recipient or malformed.
 */
export async function openGrant(crypto: SealCrypto, userId: string, personal: UnlockedKey, grant: KeyGrant, seal: Pick<ProjectSeal, 'kid'>): Promise<UnlockedKey> {
  if (grant.projectKid !== seal.kid) throw new SealError('cannot_open');
  const pkcs8 = await openBox(crypto, grant.sealedKey, personal.kid, personal.privateKey, grantBinding(grant.projectId, grant.projectKid, userId));
  const privateKey = await importPrivateKey(crypto, pkcs8, true);
  pkcs8.fill(0);
  if ((await kidOfPrivate(crypto, privateKey)) !== seal.kid) throw new SealError('cannot_open');
  return { kid: seal.kid, privateKey };
}

// Recovery file ------------------------------------------------------------------------------------

/** Letters and digits that cannot be read as each other (Crockford's base32: no I, L, O, U). */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_GROUPS = 6;
const GROUP_LENGTH = 4;

/** A printable recovery code: 24 characters of base32 (120 bits), in groups of four. */
export function newRecoveryCode(crypto: SealCrypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_GROUPS * GROUP_LENGTH));
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % 32] ?? '0');
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
  return groups.join('-');
}

/** A recovery code as typed: spaces, dashes and case do not matter, and O, I, L read as 0, 1, 1. */
export function normaliseRecoveryCode(typed: string): string {
  const plain = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const groups: string[] = [];
  for (let i = 0; i < plain.length; i += GROUP_LENGTH) groups.push(plain.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

export const RecoveryFile = v.strictObject({
  kind: v.literal('trial-monitor-project-key'),
  v: v.literal(1),
  projectId: v.string(),
  projectName: v.string(),
  kid: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/)),
  publicKey: PublicJwk,
  wrappedPrivateKey: PassphraseWrapped,
});
export type RecoveryFile = v.InferOutput<typeof RecoveryFile>;

/** The project's private key wrapped by a new recovery code: the file to download and the code to print (shown once). */
export async function makeRecovery(crypto: SealCrypto, project: { readonly id: string; readonly name: string }, key: UnlockedKey, publicKey: EcPublicJwk): Promise<{ code: string; file: RecoveryFile }> {
  const code = newRecoveryCode(crypto);
  const pkcs8 = await exportPrivateKey(crypto, key.privateKey);
  const wrappedPrivateKey = await wrapWithPassphrase(crypto, pkcs8, code, recoveryPurpose(project.id, key.kid));
  pkcs8.fill(0);
  return { code, file: { kind: 'trial-monitor-project-key', v: 1, projectId: project.id, projectName: project.name, kid: key.kid, publicKey, wrappedPrivateKey } };
}

export type RecoveryFault = 'not_a_recovery_file' | 'other_project' | 'wrong_code';

export class RecoveryError extends Error {
  constructor(readonly fault: RecoveryFault) {
    super(`recovery_${fault}`);
    this.name = 'RecoveryError';
  }
}

/**
 * Opens a recovery file's text with its code, for the project it must belong to (its current seal).
 * Throws RecoveryError: not_a_recovery_file, other_project (another project or an older key), wrong_code.
 */
export async function openRecovery(crypto: SealCrypto, text: string, code: string, projectId: string, seal: Pick<ProjectSeal, 'kid'>): Promise<UnlockedKey> {
  let parsed: RecoveryFile;
  try {
    parsed = v.parse(RecoveryFile, JSON.parse(text));
  } catch {
    throw new RecoveryError('not_a_recovery_file');
  }
  if (parsed.projectId !== projectId || parsed.kid !== seal.kid) throw new RecoveryError('other_project');
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    pkcs8 = await unwrapWithPassphrase(crypto, parsed.wrappedPrivateKey, normaliseRecoveryCode(code), recoveryPurpose(projectId, parsed.kid));
  } catch {
    throw new RecoveryError('wrong_code');
  }
  const privateKey = await importPrivateKey(crypto, pkcs8, true);
  pkcs8.fill(0);
  if ((await kidOfPrivate(crypto, privateKey)) !== seal.kid) throw new RecoveryError('other_project');
  return { kid: seal.kid, privateKey };
}

// Passphrase rules ---------------------------------------------------------------------------------

/**
 * The personal key's passphrase. Stricter than the phone lock's (src/app/lock/passphrase-rules.ts):
 * its wrapped key lives on the server, so whoever copies the server's database can guess at it offline
 * for as long as they like; a PIN or a short word falls quickly even at 600,000 PBKDF2 iterations.
 */
export const PERSONAL_PASSPHRASE_MIN = 12;
export type PersonalPassphraseCheck = { ok: true } | { ok: false; problem: 'too_short' | 'only_digits' | 'mismatch' };

export function checkPersonalPassphrase(passphrase: string, confirmation: string): PersonalPassphraseCheck {
  if (/^\d*$/.test(passphrase) && passphrase.length > 0) return { ok: false, problem: 'only_digits' };
  if (Array.from(passphrase).length < PERSONAL_PASSPHRASE_MIN) return { ok: false, problem: 'too_short' };
  if (passphrase !== confirmation) return { ok: false, problem: 'mismatch' };
  return { ok: true };
}
