/**
 * The part of WebCrypto that sealing uses, declared here because src/core sees neither the DOM's types
 * nor Node's. Browsers pass `globalThis.crypto`, Node (the export command) its `globalThis.crypto`; both
 * satisfy these interfaces structurally, and a test checks it (tests/unit/seal-envelope.test.ts).
 * Method syntax on purpose: parameters compare bivariantly, so the platforms' wider overloads fit.
 */

/** A key held by the platform (a CryptoKey); sealing never looks inside it. */
export interface SealKey {
  readonly type: string;
  readonly extractable: boolean;
}

export interface SealKeyPair {
  readonly publicKey: SealKey;
  readonly privateKey: SealKey;
}

/** An elliptic-curve public key as a JSON Web Key (the only form in which public keys travel). */
export interface EcPublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

type Bytes = Uint8Array<ArrayBuffer>;
type Usage = 'encrypt' | 'decrypt' | 'deriveBits' | 'deriveKey';
/** The platforms take usages as a readonly list of these names... */
type Usages = readonly Usage[];
/**
 * ...except Node's importKey of raw and pkcs8 bytes, declared with a mutable list (@types/node): a mutable
 * list is what every platform accepts, so that one overload asks for it and Node's crypto fits without a cast.
 */
type MutableUsages = Usage[];

export interface SealSubtle {
  generateKey(algorithm: { name: 'ECDH'; namedCurve: 'P-256' }, extractable: boolean, usages: Usages): Promise<SealKeyPair>;
  importKey(format: 'raw' | 'pkcs8', keyData: Bytes, algorithm: unknown, extractable: boolean, usages: MutableUsages): Promise<SealKey>;
  importKey(format: 'jwk', keyData: EcPublicJwk, algorithm: unknown, extractable: boolean, usages: Usages): Promise<SealKey>;
  exportKey(format: 'jwk', key: SealKey): Promise<{ readonly x?: string; readonly y?: string }>;
  exportKey(format: 'pkcs8', key: SealKey): Promise<ArrayBuffer>;
  deriveBits(algorithm: { name: 'ECDH'; public: SealKey }, baseKey: SealKey, length: number): Promise<ArrayBuffer>;
  deriveKey(algorithm: unknown, baseKey: SealKey, derivedKeyType: unknown, extractable: boolean, usages: Usages): Promise<SealKey>;
  encrypt(algorithm: { name: 'AES-GCM'; iv: Bytes; additionalData: Bytes }, key: SealKey, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: { name: 'AES-GCM'; iv: Bytes; additionalData: Bytes }, key: SealKey, data: Bytes): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Bytes): Promise<ArrayBuffer>;
}

export interface SealCrypto {
  readonly subtle: SealSubtle;
  getRandomValues<T extends Bytes>(array: T): T;
}
