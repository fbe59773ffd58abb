import type { Kysely, Migration } from 'kysely';

/**
 * Project isolation (issue 12). Forms get the project they were published for (null: every project, as
 * the built-in ones and an administrator's). Invitations replace a coordinator's direct "add person": a
 * one-time code (only its SHA-256 stored) that the invited person redeems, choosing a password when the
 * account is new or accepting while signed in when it exists, so adding someone never reveals whether a
 * username is taken and never attaches an existing account without its consent.
 */
export const projectIsolation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('forms').addColumn('project_id', 'text', (c) => c.references('projects.id')).execute();

    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
      .execute();
  },
};
