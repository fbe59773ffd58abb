/**
 * The device's keys (docs/security.md, "The app lock"). A random AES-GCM-256 data key encrypts every
 * record; it is stored only wrapped (AES-GCM) by a key derived from the passphrase with PBKDF2-SHA-256.
 * Once unwrapped it is a non-extractable CryptoKey: script can use it while the app is unlocked but never
 * read its bytes, and it lives only in memory. WebCrypto primitives only (SECURITY.md: never invent crypto).
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; unlock takes well under a second at 4x CPU throttling. */
export const PBKDF2_ITERATIONS = 600_000;

/** What the device stores: nothing in it can decrypt anything without the passphrase. */
export interface WrappedKey {
  readonly version: 1;
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly iterations: number;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly wrapped: Uint8Array<ArrayBuffer>;
}

/** The passphrase did not unwrap the key (or the stored key was altered: AES-GCM cannot tell them apart). */
export class WrongPassphrase extends Error {
  constructor() {
    super('wrong_passphrase');
  }
}

/** A sealed value failed its AES-GCM check: altered, truncated, or sealed with another key or for another record. */
export class TamperedCiphertext extends Error {
  constructor() {
    super('tampered_ciphertext');
  }
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const random = (length: number): Uint8Array<ArrayBuffer> => globalThis.crypto.getRandomValues(new Uint8Array(length));
const DATA_KEY: AesKeyGenParams = { name: 'AES-GCM', length: 256 };

/** An AES-GCM-256 key from a passphrase (PBKDF2-SHA-256): wraps the data key, and seals backup files (backup/sealed-file.ts). */
export async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, usages: KeyUsage[]): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, DATA_KEY, false, usages);
}

function wrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  return passphraseKey(passphrase, salt, iterations, ['wrapKey', 'unwrapKey']);
}

async function wrap(dataKey: CryptoKey, passphrase: string): Promise<WrappedKey> {
  const salt = random(16);
  const iv = random(12);
  const kek = await wrappingKey(passphrase, salt, PBKDF2_ITERATIONS);
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', dataKey, kek, { name: 'AES-GCM', iv }));
  return { version: 1, salt, iterations: PBKDF2_ITERATIONS, iv, wrapped };
}

async function unwrap(stored: WrappedKey, passphrase: string, extractable: boolean): Promise<CryptoKey> {
  const kek = await wrappingKey(passphrase, stored.salt, stored.iterations);
  try {
    return await subtle().unwrapKey('raw', stored.wrapped, kek, { name: 'AES-GCM', iv: stored.iv }, DATA_KEY, extractable, ['encrypt', 'decrypt']);
  } catch {
    throw new WrongPassphrase();
  }
}

/** Makes a new data key: what to store, and the non-extractable key to use while unlocked. */
export async function createDataKey(passphrase: string): Promise<{ stored: WrappedKey; key: CryptoKey }> {
  // Extractable only for the moment it takes to wrap it; the key kept in memory is unwrapped again, non-extractable.
  const fresh = await subtle().generateKey(DATA_KEY, true, ['encrypt', 'decrypt']);
  const stored = await wrap(fresh, passphrase);
  return { stored, key: await unwrap(stored, passphrase, false) };
}

/** Unlocks: the data key, non-extractable. Throws WrongPassphrase. */
export function unwrapDataKey(stored: WrappedKey, passphrase: string): Promise<CryptoKey> {
  return unwrap(stored, passphrase, false);
}

/** Wraps the same data key under a new passphrase (the data itself is not re-encrypted). */
export async function rewrapDataKey(stored: WrappedKey, oldPassphrase: string, newPassphrase: string): Promise<WrappedKey> {
  return wrap(await unwrap(stored, oldPassphrase, true), newPassphrase);
}

/** Encrypts bytes; `context` (table and key) is bound as associated data, so a sealed value moved to another record fails to open. */
export async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, context: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = random(12);
  const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) }, key, plain));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return out;
}

export async function open(key: CryptoKey, sealed: Uint8Array<ArrayBuffer>, context: string): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < 12 + 16) throw new TamperedCiphertext();
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: new TextEncoder().encode(context) }, key, sealed.slice(12));
    return new Uint8Array(plain);
  } catch {
    throw new TamperedCiphertext();
  }
}
