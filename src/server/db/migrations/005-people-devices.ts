import { sql, type Kysely, type Migration } from 'kysely';

/**
 * People and devices: one-time enrolment codes, device tokens (only their SHA-256 is stored), device
 * commands (wipe) with delivery bookkeeping, and the audit log. Devices registered by a password session
 * before this migration keep working: their token columns stay null.
 */
export const peopleDevices: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('devices').addColumn('token_hash', 'text').execute();
    await db.schema.alterTable('devices').addColumn('token_expires_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('project_id', 'text', (c) => c.references('projects.id')).execute();
    await db.schema.alterTable('devices').addColumn('enrolled_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('revoked_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('revoked_by', 'text', (c) => c.references('users.id')).execute();
    await db.schema.createIndex('devices_token_idx').on('devices').column('token_hash').unique().execute();
    await db.schema.createIndex('devices_user_idx').on('devices').column('user_id').execute();

    await db.schema
      .createTable('enrolment_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text', (c) => c.references('devices.id'))
      .execute();

    await db.schema
      .createTable('device_commands')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('command', 'text', (c) => c.notNull().check(sql`command in ('wipe')`))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('acknowledged_at', 'text')
      .execute();
    await db.schema.createIndex('device_commands_device_idx').on('device_commands').columns(['device_id', 'acknowledged_at']).execute();

    await db.schema
      .createTable('audit_log')
      // UUIDv7: ordered by time, so it doubles as the paging key.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text')
      .addColumn('target', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_project_idx').on('audit_log').columns(['project_id', 'id']).execute();
  },
};
