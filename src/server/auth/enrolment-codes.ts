import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashSecret } from './secret-hash.ts';

/** A code lives one day: long enough to reach the observer, short enough that a lost note is harmless. */
export const ENROLMENT_CODE_HOURS = 24;

// No look-alikes (0/o, 1/l/i): the code is read aloud or typed from a screen.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 12;

/** Typed codes vary in case, spaces and dashes; the stored hash is of the bare characters. */
export function normaliseCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** 12 characters (about 59 bits) shown as xxxx-xxxx-xxxx; guessing is also rate-limited and the code expires. Invitations use it too. */
export function generateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length] ?? 'a').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export interface IssuedCode {
  readonly code: string;
  readonly expiresAt: string;
}

/** Issues a one-time code enrolling one device for `userId` in `projectId`; only its hash is stored. */
export async function issueEnrolmentCode(
  db: Kysely<Database>,
  input: { userId: string; projectId: string; createdBy: string | null },
  now = new Date(),
): Promise<IssuedCode> {
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_HOURS * 3_600_000).toISOString();
  await db
    .insertInto('enrolment_codes')
    .values({
      id: hashSecret(normaliseCode(code)),
      user_id: input.userId,
      project_id: input.projectId,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, expiresAt };
}
