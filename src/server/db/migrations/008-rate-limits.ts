import type { Kysely, Migration } from 'kysely';

/**
 * Attempt counters for sign-in and enrolment, in the database so that every server process on one
 * PostgreSQL, and a restarted one, count the same attempts. One row per key, for the window that began
 * with its first attempt: the key is a SHA-256 of what is counted (a client address, a typed user name),
 * never the text itself.
 */
export const rateLimits: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_ends', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
    // Ended windows are swept by their end.
    await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_ends').execute();
  },
};
