/**
 * The sealed box (docs/security.md, "Sealed projects"): content encrypted so that only the holders of
 * the recipients' private keys can read it, and bound to the record it belongs to.
 *
 * A random 256-bit content key encrypts the plaintext with AES-GCM. For each recipient, ECDH between a
 * fresh ephemeral P-256 key and the recipient's public key, through HKDF-SHA-256, gives a key that
 * encrypts the content key (AES-GCM again). The binding (which report, which version, which form: see
 * bindings.ts) is the associated data of both layers, so a box moved to another record, or altered by one
 * byte, does not open. One ephemeral key per box: each recipient's shared secret differs all the same.
 * Only WebCrypto primitives; nothing here is invented crypto, only their composition (that of JWE's
 * ECDH-ES+A256KW with HKDF in place of Concat KDF, and AES-GCM in place of AES-KW).
 */
import * as v from 'valibot';
import { fromBase64Url, toBase64Url, utf8 } from './bytes.ts';
import { importPublicJwk } from './keys.ts';
import { SealError } from './seal-error.ts';
import type { EcPublicJwk, SealCrypto, SealKey } from './web-crypto.ts';

const B64 = (max: number) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/, 'base64url'), v.maxLength(max));
const Iv = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16}$/, 'a 12-byte IV'));

/** At most 16 recipients: the project key, and the report author's devices for replies and comments. */
export const MAX_RECIPIENTS = 16;
/** 12 MiB of base64url: a report's answers are far smaller; attachments are sealed chunk by chunk elsewhere. */
const MAX_CIPHERTEXT_CHARS = 16 * 1024 * 1024;

export const SealedBox = v.strictObject({
  v: v.literal(1),
  epk: v.strictObject({ x: B64(43), y: B64(43) }),
  to: v.pipe(
    v.array(v.strictObject({ kid: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'a key id')), iv: Iv, key: v.pipe(B64(64), v.minLength(64)) })),
    v.minLength(1),
    v.maxLength(MAX_RECIPIENTS),
  ),
  iv: Iv,
  ct: B64(MAX_CIPHERTEXT_CHARS),
});
export type SealedBox = v.InferOutput<typeof SealedBox>;

export interface Recipient {
  readonly kid: string;
  readonly publicKey: EcPublicJwk;
}

const aad = (binding: string) => utf8(`tm-seal/v1\n${binding}`);

async function recipientKey(crypto: SealCrypto, ephemeralPrivate: SealKey, otherPublic: SealKey, kid: string, epk: SealedBox['epk']): Promise<SealKey> {
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: otherPublic }, ephemeralPrivate, 256));
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8('tm-seal/v1'), info: utf8(`${kid}.${epk.x}.${epk.y}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Seals `plaintext` to every recipient, bound to `binding`. Throws SealError bad_public_key. */
export async function sealBox(crypto: SealCrypto, recipients: readonly Recipient[], plaintext: Uint8Array<ArrayBuffer>, binding: string): Promise<SealedBox> {
  if (recipients.length === 0 || recipients.length > MAX_RECIPIENTS) throw new SealError('bad_public_key');
  const publicKeys = await Promise.all(recipients.map((r) => importPublicJwk(crypto, r.publicKey)));
  const contentKeyBytes = crypto.getRandomValues(new Uint8Array(32));
  const contentKey = await crypto.subtle.importKey('raw', contentKeyBytes, { name: 'AES-GCM' }, false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(binding) }, contentKey, plaintext);

  const ephemeral = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const exported = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const epk = { x: exported.x ?? '', y: exported.y ?? '' };
  const to = await Promise.all(
    recipients.map(async (recipient, i) => {
      const publicKey = publicKeys[i];
      if (publicKey === undefined) throw new SealError('bad_public_key');
      const wrapping = await recipientKey(crypto, ephemeral.privateKey, publicKey, recipient.kid, epk);
      const wrapIv = crypto.getRandomValues(new Uint8Array(12));
      const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: wrapIv, additionalData: aad(binding) }, wrapping, contentKeyBytes);
      return { kid: recipient.kid, iv: toBase64Url(wrapIv), key: toBase64Url(new Uint8Array(wrapped)) };
    }),
  );
  contentKeyBytes.fill(0);
  return { v: 1, epk, to, iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

/** Parses a box from the wire or the database: throws SealError malformed. */
export function parseSealedBox(value: unknown): SealedBox {
  const parsed = v.safeParse(SealedBox, value);
  if (!parsed.success) throw new SealError('malformed');
  return parsed.output;
}

/**
 * Opens a box with one recipient's private key, checking it belongs to `binding`. Throws SealError:
 * malformed, not_a_recipient, or cannot_open (wrong key, altered, or sealed for another record).
 */
export async function openBox(crypto: SealCrypto, value: unknown, kid: string, privateKey: SealKey, binding: string): Promise<Uint8Array<ArrayBuffer>> {
  const box = parseSealedBox(value);
  const entry = box.to.find((r) => r.kid === kid);
  if (entry === undefined) throw new SealError('not_a_recipient');
  const wrapIv = fromBase64Url(entry.iv);
  const wrapped = fromBase64Url(entry.key);
  const iv = fromBase64Url(box.iv);
  const ct = fromBase64Url(box.ct);
  if (wrapIv === undefined || wrapped === undefined || iv === undefined || ct === undefined) throw new SealError('malformed');
  let ephemeral: SealKey;
  try {
    ephemeral = await importPublicJwk(crypto, { kty: 'EC', crv: 'P-256', x: box.epk.x, y: box.epk.y });
  } catch {
    throw new SealError('malformed');
  }
  try {
    const wrapping = await recipientKey(crypto, privateKey, ephemeral, kid, box.epk);
    const contentKeyBytes = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: wrapIv, additionalData: aad(binding) }, wrapping, wrapped));
    const contentKey = await crypto.subtle.importKey('raw', contentKeyBytes, { name: 'AES-GCM' }, false, ['decrypt']);
    contentKeyBytes.fill(0);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(binding) }, contentKey, ct));
  } catch {
    throw new SealError('cannot_open');
  }
}
