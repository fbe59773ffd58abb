import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Attachments, kept in the database (not on a disk beside it) so that any number of server processes on
 * one PostgreSQL serve the same files (ARCHITECTURE.md, scale-out). A file is addressed by its project and
 * the SHA-256 of its bytes; its bytes arrive as chunks, one row each, so an upload resumes from the last
 * stored chunk and a restart loses nothing confirmed. Per project: which kinds are allowed and how large
 * one file may be (many courts forbid photos and recordings).
 */
export const attachments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Binary columns are named differently by the two engines; the rest of the schema is shared.
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
    await db.schema.alterTable('projects').addColumn('attachment_kinds', 'text', (c) => c.notNull().defaultTo('photo,document,audio')).execute();
    await db.schema.alterTable('projects').addColumn('attachment_max_bytes', 'bigint', (c) => c.notNull().defaultTo(20 * 1024 * 1024)).execute();
    await db.schema
      .createTable('attachments')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo', 'document', 'audio')`))
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('uploading', 'complete')`))
      .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addPrimaryKeyConstraint('attachments_pk', ['project_id', 'hash'])
      .execute();
    await db.schema
      .createTable('attachment_chunks')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('byte_offset', 'bigint', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('attachment_chunks_pk', ['project_id', 'hash', 'byte_offset'])
      .addForeignKeyConstraint('attachment_chunks_attachment_fk', ['project_id', 'hash'], 'attachments', ['project_id', 'hash'], (c) => c.onDelete('cascade'))
      .execute();
  },
};
