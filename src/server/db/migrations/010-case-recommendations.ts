import type { Kysely, Migration } from 'kysely';

/**
 * The coordinator's recommendations for a case, written into its monitoring report after the findings.
 * Kept beside the per-right assessments, never on the cases row: cases travel to observers' devices by
 * sync, and recommendations are the NGO's, not the observers'.
 */
export const caseRecommendations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('case_recommendations')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
