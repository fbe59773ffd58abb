/**
 * What the coordinator's browser does with sealed projects' keys (docs/security.md "Sealed projects"), as
 * functions of WebCrypto only, so that unit tests run them on Node's WebCrypto and the screens stay thin:
 * - a personal key pair, its private half wrapped by the coordinator's passphrase (stored on the server);
 * - a project key pair, its private half granted (sealed) to personal keys (the recovery file, the
 *   private half wrapped by a generated recovery code, is src/core/seal/recovery-file.ts: the export
 *   command opens it too);
 * - unlocking: passphrase -> personal private key -> grant -> the project's private key, checked against
 *   the project's public key so that a wrong or swapped grant is caught before anything is opened with it.
 * Nothing here talks to the server: the screens pass the answers of the key routes (src/core/api/keys.ts).
 */
import type { KeyCoordinator, KeyGrant, PersonalKey, ProjectSeal } from '../../../core/api/keys.ts';
import { openBox, sealBox, type SealedBox } from '../../../core/seal/envelope.ts';
import { grantBinding, personalKeyPurpose } from '../../../core/seal/bindings.ts';
import { exportPrivateKey, exportPublicJwk, generateKeyPair, importPrivateKey, keyId, keyIdOfPrivate, unwrapWithPassphrase, wrapWithPassphrase, type PassphraseWrapped, type UnlockedKey } from '../../../core/seal/keys.ts';
import { SealError } from '../../../core/seal/seal-error.ts';
import type { EcPublicJwk, SealCrypto } from '../../../core/seal/web-crypto.ts';

/** A private key unlocked in this browser's memory (the screens and the key store name it from here). */
export type { UnlockedKey } from '../../../core/seal/keys.ts';

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
  if ((await keyIdOfPrivate(crypto, privateKey)) !== personal.kid) throw new SealError('cannot_open');
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
  if ((await keyIdOfPrivate(crypto, privateKey)) !== seal.kid) throw new SealError('cannot_open');
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
