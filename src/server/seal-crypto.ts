import type { SealCrypto } from '../core/seal/web-crypto.ts';

/** Node's WebCrypto as src/core/seal takes it (this line is also the check that it fits: see web-crypto.ts). */
export const serverSealCrypto: SealCrypto = globalThis.crypto;
