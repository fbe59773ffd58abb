import { describe, expect, it } from 'vitest';
import { personalKeyPurpose, recoveryPurpose } from '../../../../src/core/seal/bindings.ts';
import { SEAL_PBKDF2_ITERATIONS, unwrapWithPassphrase, wrapWithPassphrase } from '../../../../src/core/seal/keys.ts';
import { SealError } from '../../../../src/core/seal/seal-error.ts';
import type { SealCrypto } from '../../../../src/core/seal/web-crypto.ts';

const crypto: SealCrypto = globalThis.crypto;

async function faultOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    return error instanceof SealError ? error.fault : 'other';
  }
}

describe('passphrase wrapping', () => {
  it('unwraps with the passphrase and purpose it was wrapped with, and with nothing else', async () => {
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(138));
    const wrapped = await wrapWithPassphrase(crypto, secret, 'correct horse battery', personalKeyPurpose('u1'));
    expect(wrapped.iterations).toBe(SEAL_PBKDF2_ITERATIONS);
    expect(await unwrapWithPassphrase(crypto, wrapped, 'correct horse battery', personalKeyPurpose('u1'))).toEqual(secret);
    expect(await faultOf(unwrapWithPassphrase(crypto, wrapped, 'correct horse batterY', personalKeyPurpose('u1')))).toBe('wrong_passphrase');
    expect(await faultOf(unwrapWithPassphrase(crypto, wrapped, 'correct horse battery', recoveryPurpose('p1', 'k')))).toBe('wrong_passphrase');
    expect(await faultOf(unwrapWithPassphrase(crypto, { ...wrapped, iterations: 1000 }, 'correct horse battery', personalKeyPurpose('u1')))).toBe('malformed');
    expect(await faultOf(unwrapWithPassphrase(crypto, 'not json', 'x', 'y'))).toBe('malformed');
  });
});
