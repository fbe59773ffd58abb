import type { Kysely, Migration } from 'kysely';

/**
 * Sealed report versions (issue 11; docs/security.md, "Sealed projects").
 * - report_versions.sealed: the sealed box (JSON) of a version a device sealed to its project's key; its
 *   `answers` is then '{}' and its `reason` null, so nothing readable of its content is stored.
 * - report_versions.readable_in_sealed: 1 for a readable version that arrived for a project already
 *   sealed (a device that had not yet received the key): accepted, and listed for the coordinator.
 * - reports.sealed: 1 while the current version is sealed. The server cannot count its findings, so its
 *   concern_count stays 0 and means nothing: the lists say "unknown" (null) and the filters leave it out.
 */
export const sealedVersions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('report_versions').addColumn('sealed', 'text').execute();
    await db.schema.alterTable('report_versions').addColumn('readable_in_sealed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('reports').addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
