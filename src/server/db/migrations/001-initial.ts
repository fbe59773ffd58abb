import { sql, type Kysely, type Migration } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on the current schema types, which move on.
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('memberships')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coordinator', 'observer')`))
      .addPrimaryKeyConstraint('memberships_pk', ['project_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_sync_at', 'text')
      .execute();
    await db.schema
      .createTable('refusals')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('refusals_pk', ['device_id', 'seq'])
      .execute();
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('court', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('case_observers')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('case_observers_pk', ['case_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('forms')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('forms_pk', ['id', 'version'])
      .execute();
    await db.schema
      .createTable('reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('form_version', 'integer', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('hearing_date', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addForeignKeyConstraint('reports_form_fk', ['form_id', 'form_version'], 'forms', ['id', 'version'])
      .execute();
    await db.schema.createIndex('reports_project_idx').on('reports').columns(['project_id', 'received_at']).execute();
    await db.schema
      .createTable('report_versions')
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('conflict', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_versions_pk', ['report_id', 'version'])
      .execute();
    await db.schema.createIndex('report_versions_hash_idx').on('report_versions').columns(['report_id', 'content_hash']).execute();
    await db.schema
      .createTable('changes')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('project_id', 'text')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into counters (name, value) values ('changes', 0)`.execute(db);
  },
};
