/**
 * Key pairs for sealing (docs/security.md, "Sealed projects"): ECDH P-256 through WebCrypto. A project
 * has one key pair whose public half travels to its devices; each coordinator has a personal key pair so
 * that the project key can be granted to them; devices get one at enrolment. Private keys leave the
 * browser only wrapped: by a passphrase (PBKDF2-SHA-256, 600,000 iterations, AES-GCM-256, the same
 * choice as the app lock) or sealed to another key pair (a grant).
 */
import * as v from 'valibot';
import { fromBase64Url, toBase64Url, utf8 } from './bytes.ts';
import { SealError } from './seal-error.ts';
import type { EcPublicJwk, SealCrypto, SealKey, SealKeyPair } from './web-crypto.ts';

export const SEAL_PBKDF2_ITERATIONS = 600_000;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const Coordinate = v.pipe(v.string(), v.length(43, 'a P-256 coordinate is 43 base64url characters'), v.regex(/^[A-Za-z0-9_-]+$/));

/** A public key as it travels (the pull, the key routes): only the four members of a P-256 JWK. */
export const PublicJwk = v.pipe(
  v.object({ kty: v.literal('EC'), crv: v.literal('P-256'), x: Coordinate, y: Coordinate }),
  v.transform((jwk): EcPublicJwk => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y })),
);

export function generateKeyPair(crypto: SealCrypto): Promise<SealKeyPair> {
  // Extractable, so that the private key can be wrapped for storage, a grant or the recovery file.
  return crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
}

export async function exportPublicJwk(crypto: SealCrypto, key: SealKey): Promise<EcPublicJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  return v.parse(PublicJwk, { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
}

/** Throws SealError bad_public_key for anything that is not a point of P-256 (WebCrypto checks the curve). */
export async function importPublicJwk(crypto: SealCrypto, jwk: unknown): Promise<SealKey> {
  const parsed = v.safeParse(PublicJwk, jwk);
  if (!parsed.success) throw new SealError('bad_public_key');
  try {
    return await crypto.subtle.importKey('jwk', parsed.output, ECDH, true, []);
  } catch {
    throw new SealError('bad_public_key');
  }
}

/** A short, stable name of a public key (base64url of the first 16 bytes of SHA-256 over its coordinates). */
export async function keyId(crypto: SealCrypto, jwk: EcPublicJwk): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(`P-256.${jwk.x}.${jwk.y}`));
  return toBase64Url(new Uint8Array(digest).subarray(0, 16));
}

/** A private key unlocked in memory (a browser session, the export command), with the id of its public half. */
export interface UnlockedKey {
  readonly kid: string;
  readonly privateKey: SealKey;
}

/** The key id of a private key's public half (a P-256 private JWK carries x and y): which key it is, checked before use. */
export async function keyIdOfPrivate(crypto: SealCrypto, privateKey: SealKey): Promise<string> {
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const parsed = v.safeParse(PublicJwk, { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  if (!parsed.success) throw new SealError('malformed');
  return keyId(crypto, parsed.output);
}

export async function exportPrivateKey(crypto: SealCrypto, key: SealKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}

export async function importPrivateKey(crypto: SealCrypto, pkcs8: Uint8Array<ArrayBuffer>, extractable: boolean): Promise<SealKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, extractable, ['deriveBits']);
  } catch {
    throw new SealError('malformed');
  }
}

/** Bytes wrapped by a passphrase, as stored on the server or written into a recovery file. */
export const PassphraseWrapped = v.strictObject({
  v: v.literal(1),
  kdf: v.literal('PBKDF2-SHA-256'),
  iterations: v.pipe(v.number(), v.safeInteger(), v.minValue(SEAL_PBKDF2_ITERATIONS), v.maxValue(10_000_000)),
  salt: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/)),
  iv: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16}$/)),
  ct: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(8_192)),
});
export type PassphraseWrapped = v.InferOutput<typeof PassphraseWrapped>;

async function passphraseKey(crypto: SealCrypto, passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<SealKey> {
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** `purpose` is bound as associated data, so a wrapped personal key cannot pass for a recovery file. */
export async function wrapWithPassphrase(crypto: SealCrypto, secret: Uint8Array<ArrayBuffer>, passphrase: string, purpose: string): Promise<PassphraseWrapped> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(crypto, passphrase, salt, SEAL_PBKDF2_ITERATIONS);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(`tm-wrap/v1\n${purpose}`) }, key, secret);
  return { v: 1, kdf: 'PBKDF2-SHA-256', iterations: SEAL_PBKDF2_ITERATIONS, salt: toBase64Url(salt), iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

/** Throws SealError malformed (not a wrapped value) or wrong_passphrase (or altered, or for another purpose). */
export async function unwrapWithPassphrase(crypto: SealCrypto, wrapped: unknown, passphrase: string, purpose: string): Promise<Uint8Array<ArrayBuffer>> {
  const parsed = v.safeParse(PassphraseWrapped, wrapped);
  if (!parsed.success) throw new SealError('malformed');
  const salt = fromBase64Url(parsed.output.salt);
  const iv = fromBase64Url(parsed.output.iv);
  const ct = fromBase64Url(parsed.output.ct);
  if (salt === undefined || iv === undefined || ct === undefined) throw new SealError('malformed');
  const key = await passphraseKey(crypto, passphrase, salt, parsed.output.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(`tm-wrap/v1\n${purpose}`) }, key, ct));
  } catch {
    throw new SealError('wrong_passphrase');
  }
}
