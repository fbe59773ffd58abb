/** A fresh, non-extractable data key, as the unlocked app holds one (src/app/lock/crypto.ts). */
export function testDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
