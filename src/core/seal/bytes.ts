/**
 * Bytes <-> text without the platform's TextEncoder or btoa (src/core has neither type): UTF-8 and
 * base64url (RFC 4648 section 5, no padding), the encodings sealed boxes travel in.
 */

type Bytes = Uint8Array<ArrayBuffer>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX: ReadonlyMap<string, number> = new Map(Array.from({ length: ALPHABET.length }, (_, i) => [ALPHABET.charAt(i), i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63] ?? '';
  }
  return out;
}

/** Undefined for text that is not base64url (a wrong character, or a length no encoding produces). */
export function fromBase64Url(text: string): Bytes | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(new ArrayBuffer(Math.floor((text.length * 6) / 8)));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = INDEX.get(char);
    if (digit === undefined) return undefined;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes (a ciphertext must have one spelling).
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

export function utf8(text: string): Bytes {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return new Uint8Array(out);
}

/** Strict: undefined for bytes that are not well-formed UTF-8 (what comes out of AES-GCM was sealed as UTF-8, so this means a bug). */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i] ?? 0;
    const extra = a < 0x80 ? 0 : a >= 0xf0 && a < 0xf5 ? 3 : a >= 0xe0 ? 2 : a >= 0xc2 && a < 0xe0 ? 1 : -1;
    if (extra < 0) return undefined;
    let code = extra === 0 ? a : a & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 63);
    }
    const min = [0, 0x80, 0x800, 0x10000][extra] ?? 0;
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    out += String.fromCodePoint(code);
    i += extra + 1;
  }
  return out;
}
