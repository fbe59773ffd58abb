import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { apiError } from '../errors.ts';

/** How many attempts one subject (an address, a user name) may make per window, counted under a scope. */
export interface AttemptLimit {
  readonly scope: string;
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
/** Guessing passwords or codes costs 10 tries a minute per client address... */
export const SIGN_IN_PER_ADDRESS: AttemptLimit = { scope: 'sign-in:address', max: 10, windowMs: MINUTE };
/** ...and 10 a minute per account, so that guesses spread over many addresses are slowed too. */
export const SIGN_IN_PER_USER: AttemptLimit = { scope: 'sign-in:user', max: 10, windowMs: MINUTE };
export const ENROL_PER_ADDRESS: AttemptLimit = { scope: 'enrol:address', max: 10, windowMs: MINUTE };
/** Changing a password checks the current one: as many tries a minute as signing in, counted apart. */
export const PASSWORD_CHANGE_PER_USER: AttemptLimit = { scope: 'password-change:user', max: 10, windowMs: MINUTE };
/** Invitation codes are guessed like enrolment codes. */
export const INVITATION_PER_ADDRESS: AttemptLimit = { scope: 'invitation:address', max: 10, windowMs: MINUTE };
/** A signed-in account accepting codes is counted per account. */
export const INVITATION_PER_USER: AttemptLimit = { scope: 'invitation:user', max: 10, windowMs: MINUTE };

/**
 * Counts one attempt and answers how many the subject has made in its window, which begins with the
 * first attempt and lasts windowMs. One atomic upsert (insert; or add one, or start a new window once the
 * old one has ended, on the row another process may be counting on at the same moment), so concurrent
 * attempts on any number of processes are all counted. The key is a hash: the table never holds an
 * address or a typed user name (a password typed into the name field would otherwise be stored).
 */
export async function countAttempt(db: Kysely<Database>, limit: AttemptLimit, subject: string, now = Date.now()): Promise<{ count: number; windowEnds: number }> {
  const key = createHash('sha256').update(`${limit.scope}\u0000${subject}`).digest('hex');
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_ends: now + limit.windowMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limits.window_ends', '<=', now);
        return {
          count: eb.case().when(ended).then(1).else(eb('rate_limits.count', '+', 1)).end(),
          window_ends: eb.case().when(ended).then(now + limit.windowMs).else(eb.ref('rate_limits.window_ends')).end(),
        };
      }),
    )
    .returning(['count', 'window_ends'])
    .executeTakeFirstOrThrow();
  // Ended windows count for nothing; sweeping them keeps the table at the subjects of the last minute.
  await db.deleteFrom('rate_limits').where('window_ends', '<=', now).execute();
  return { count: row.count, windowEnds: row.window_ends };
}

/** Counts the attempt under each limit in turn and refuses (429, with Retry-After) at the first one exceeded. */
export async function limitAttempts(db: Kysely<Database>, reply: FastifyReply, checks: readonly { readonly limit: AttemptLimit; readonly subject: string }[]): Promise<void> {
  for (const { limit, subject } of checks) {
    const now = Date.now();
    const { count, windowEnds } = await countAttempt(db, limit, subject, now);
    if (count > limit.max) {
      const seconds = Math.max(1, Math.ceil((windowEnds - now) / 1000));
      reply.header('retry-after', String(seconds));
      throw apiError('rate_limited', { seconds });
    }
  }
}
