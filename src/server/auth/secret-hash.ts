import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a random secret (session token, device token, enrolment code): a stolen database yields no usable secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** 32 random bytes, URL-safe: the session and device tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
