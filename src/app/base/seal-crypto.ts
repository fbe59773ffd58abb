import type { SealCrypto } from '../../core/seal/web-crypto.ts';

/** The browser's WebCrypto as src/core/seal takes it (this line is also the check that it fits). */
export const browserSealCrypto: SealCrypto = globalThis.crypto;
