import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../../../../src/core/seal/bytes.ts';
import { reportBinding } from '../../../../src/core/seal/bindings.ts';
import { openBox, sealBox, type Recipient, type SealedBox } from '../../../../src/core/seal/envelope.ts';
import { exportPrivateKey, exportPublicJwk, generateKeyPair, importPrivateKey, importPublicJwk, keyId } from '../../../../src/core/seal/keys.ts';
import { SealError, type SealFault } from '../../../../src/core/seal/seal-error.ts';
import type { SealCrypto, SealKeyPair } from '../../../../src/core/seal/web-crypto.ts';

// Node's WebCrypto must satisfy the interface src/core declares (the browser's is checked in src/app).
const crypto: SealCrypto = globalThis.crypto;

async function party(): Promise<{ pair: SealKeyPair; recipient: Recipient }> {
  const pair = await generateKeyPair(crypto);
  const publicKey = await exportPublicJwk(crypto, pair.publicKey);
  return { pair, recipient: { kid: await keyId(crypto, publicKey), publicKey } };
}

async function fault(promise: Promise<unknown>): Promise<SealFault | 'opened'> {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    if (error instanceof SealError) return error.fault;
    throw error;
  }
}

const binding = reportBinding('7d1c0a52-8a1b-4a53-9f0e-0c2b0d1e2f30', 2, 'hearing', 3);
const secret = 'Свидетель W2 сказал, что его били 🙁';

describe('sealed box', () => {
  it('opens for each recipient with the binding it was sealed for, and gives back the exact text', async () => {
    const project = await party();
    const device = await party();
    const box = await sealBox(crypto, [project.recipient, device.recipient], utf8(secret), binding);
    // Words that base64url cannot spell by chance (a two-letter code like 'W2' turned up in a random IV in CI).
    expect(JSON.stringify(box)).not.toContain('Свидетель');
    expect(JSON.stringify(box)).not.toContain('били');
    for (const who of [project, device]) {
      const opened = await openBox(crypto, box, who.recipient.kid, who.pair.privateKey, binding);
      expect(fromUtf8(opened)).toBe(secret);
    }
  });

  it('refuses a box moved to another report, version or form', async () => {
    const project = await party();
    const box = await sealBox(crypto, [project.recipient], utf8(secret), binding);
    for (const other of [
      reportBinding('00000000-0000-4000-8000-000000000000', 2, 'hearing', 3),
      reportBinding('7d1c0a52-8a1b-4a53-9f0e-0c2b0d1e2f30', 3, 'hearing', 3),
      reportBinding('7d1c0a52-8a1b-4a53-9f0e-0c2b0d1e2f30', 2, 'hearing', 2),
    ]) {
      expect(await fault(openBox(crypto, box, project.recipient.kid, project.pair.privateKey, other))).toBe('cannot_open');
    }
  });

  it('refuses a box altered by one byte in its content, its wrapped key or its ephemeral key', async () => {
    const project = await party();
    const box = await sealBox(crypto, [project.recipient], utf8(secret), binding);
    const flip = (text: string): string => {
      const bytes = fromBase64Url(text);
      if (bytes === undefined) throw new Error('not base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return toBase64Url(bytes);
    };
    const entry = box.to[0];
    if (entry === undefined) throw new Error('no recipient');
    const altered: SealedBox[] = [
      { ...box, ct: flip(box.ct) },
      { ...box, iv: flip(box.iv) },
      { ...box, to: [{ ...entry, key: flip(entry.key) }] },
    ];
    for (const bad of altered) expect(await fault(openBox(crypto, bad, project.recipient.kid, project.pair.privateKey, binding))).toBe('cannot_open');
    // An altered ephemeral key is either not a point of the curve (malformed) or another key (cannot open).
    expect(['malformed', 'cannot_open']).toContain(await fault(openBox(crypto, { ...box, epk: { ...box.epk, x: flip(box.epk.x) } }, project.recipient.kid, project.pair.privateKey, binding)));
  });

  it('does not open with another private key under the same key id, and says when it was not sealed to a key', async () => {
    const project = await party();
    const stranger = await party();
    const box = await sealBox(crypto, [project.recipient], utf8(secret), binding);
    expect(await fault(openBox(crypto, box, project.recipient.kid, stranger.pair.privateKey, binding))).toBe('cannot_open');
    expect(await fault(openBox(crypto, box, stranger.recipient.kid, stranger.pair.privateKey, binding))).toBe('not_a_recipient');
  });

  it('refuses what is not a sealed box, and public keys that are not P-256 points', async () => {
    const project = await party();
    for (const junk of [null, 'text', {}, { v: 2 }, { v: 1, epk: { x: 'a', y: 'b' }, to: [], iv: '', ct: '' }]) {
      expect(await fault(openBox(crypto, junk, project.recipient.kid, project.pair.privateKey, binding))).toBe('malformed');
    }
    const offCurve = { ...project.recipient.publicKey, y: project.recipient.publicKey.x };
    expect(await fault(importPublicJwk(crypto, offCurve))).toBe('bad_public_key');
    expect(await fault(sealBox(crypto, [{ kid: project.recipient.kid, publicKey: offCurve }], utf8(secret), binding))).toBe('bad_public_key');
    expect(await fault(importPublicJwk(crypto, { kty: 'RSA', n: 'x', e: 'AQAB' }))).toBe('bad_public_key');
  });

  it('a private key survives export and import (what wrapping and grants carry)', async () => {
    const project = await party();
    const box = await sealBox(crypto, [project.recipient], utf8(secret), binding);
    const restored = await importPrivateKey(crypto, await exportPrivateKey(crypto, project.pair.privateKey), false);
    expect(fromUtf8(await openBox(crypto, box, project.recipient.kid, restored, binding))).toBe(secret);
  });
});

describe('bytes', () => {
  it('base64url and UTF-8 round-trip every length and script, and refuse what no encoder writes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(n));
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    for (const text of ['', 'a', 'ümlaut', 'Ли Мин', '😀 🙁', 'x'.repeat(1000)]) {
      expect(utf8(text)).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
      expect(fromUtf8(utf8(text))).toBe(text);
    }
    expect(fromBase64Url('A')).toBeUndefined();
    expect(fromBase64Url('AB')).toBeUndefined(); // non-zero leftover bits
    expect(fromBase64Url('a+b/')).toBeUndefined();
    expect(fromUtf8(new Uint8Array([0xc3]))).toBeUndefined();
    expect(fromUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBeUndefined(); // a lone surrogate
  });
});
