import type { Kysely, Migration } from 'kysely';

/**
 * Issue 10 item 5, "leave less behind": how many days a phone keeps a confirmed report's contents
 * before deleting them (null: never; 0: as soon as the server confirms). Default 7, the value devices
 * assume until they pull a project record that carries it (core/sync/sent-retention.ts).
 *
 * Also the record of cases merged away (issue 13 part 5): a merge deletes case `case_id`, and a phone
 * that holds it learns where it went from a `case_merge` change naming this row, so it can move its
 * drafts and drop the empty case (src/server/domain/case-merge.ts, src/app/sync/apply.ts).
 */
export const sentRetention: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('projects').addColumn('sent_retention_days', 'integer', (c) => c.defaultTo(7)).execute();
    await db.schema
      .createTable('case_merges')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('into_id', 'text', (c) => c.notNull())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('merged_at', 'text', (c) => c.notNull())
      .execute();
  },
};
