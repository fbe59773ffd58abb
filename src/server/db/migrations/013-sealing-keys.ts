import type { Kysely, Migration } from 'kysely';

/**
 * The keys of sealed projects (issue 11; docs/security.md, "Sealed projects"). The server keeps public
 * keys and private keys only in forms it cannot open: a coordinator's personal private key wrapped by
 * their passphrase, and a project's private key sealed to each granted coordinator's personal key.
 * - project_seals: a project is sealed from the moment it has a row here; its public key goes to devices.
 * - user_keys: a coordinator's personal key pair (public; private wrapped by their passphrase).
 * - project_key_grants: the project's private key sealed to one coordinator's personal public key.
 * - devices.public_key: a device's own key, so that replies and comments can be sealed to it too.
 */
export const sealingKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('project_seals')
      .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('sealed_at', 'text', (c) => c.notNull())
      .addColumn('sealed_by', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema
      .createTable('user_keys')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('wrapped_private_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('project_key_grants')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('project_kid', 'text', (c) => c.notNull())
      .addColumn('sealed_key', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_key_grants_pk', ['project_id', 'user_id'])
      .execute();
    await db.schema.alterTable('devices').addColumn('public_key', 'text').execute();
    await db.schema.alterTable('devices').addColumn('key_kid', 'text').execute();
  },
};
