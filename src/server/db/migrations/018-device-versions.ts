import type { Kysely, Migration } from 'kysely';

/**
 * Report versions by device (issue 11 parts 5 and 6): the push asks whether a device has sent a sealed
 * version in a project before it stores a readable one (src/server/sync/seal-policy.ts), and the
 * coordinator's list of devices still sending readable versions groups by device (readable-senders.ts).
 */
export const deviceVersions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('report_versions_device_idx').on('report_versions').column('device_id').execute();
  },
};
