import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The coordinator's review of a report and the conversation about it. Reviews and comments are records
 * of their own: a coordinator never edits an observer's answers (SYNC.md guarantee 4). Comments are
 * append-only; a comment may be pinned to one answer by its path (e.g. "witness_rows.<row>.witness_code").
 */
export const reviews: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('reviews')
      .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'needs_clarification', 'approved')`))
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('pin', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comments_report_idx').on('comments').columns(['report_id', 'created_at']).execute();
  },
};
