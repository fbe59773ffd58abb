import type { Kysely, Migration } from 'kysely';

/**
 * The regional systems a project works under (issue 13: ECHR per project): a project in a Council of
 * Europe state cites ECHR 3, 5 and 6 beside the ICCPR and CAT articles its findings name. Stored as a
 * comma-separated list of region ids (src/core/forms/regions.ts); '' for none, which every existing
 * project keeps until a coordinator chooses.
 */
export const projectRegions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('projects')
      .addColumn('regions', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  },
};
