/**
 * The recovery file of a sealed project (docs/security.md, "Sealed projects"): the project's private key
 * wrapped by a printable recovery code, made in the coordinator's browser when the project is sealed. The
 * browser opens it to restore the key; the export command (`npm run export -- --key-file FILE`) opens it to
 * export a sealed case. The code is never stored anywhere: whoever holds the file and the code holds the key.
 */
import * as v from 'valibot';
import { recoveryPurpose } from './bindings.ts';
import { exportPrivateKey, importPrivateKey, keyIdOfPrivate, PassphraseWrapped, PublicJwk, unwrapWithPassphrase, wrapWithPassphrase, type UnlockedKey } from './keys.ts';
import type { EcPublicJwk, SealCrypto } from './web-crypto.ts';

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
export async function openRecovery(crypto: SealCrypto, text: string, code: string, projectId: string, seal: { readonly kid: string }): Promise<UnlockedKey> {
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
  if ((await keyIdOfPrivate(crypto, privateKey)) !== seal.kid) throw new RecoveryError('other_project');
  return { kid: seal.kid, privateKey };
}
