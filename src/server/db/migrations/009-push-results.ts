import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What the server answered for every mutation it settled, per device and seq, so that a retry of an
 * already applied seq gets the same answer in full (its status and the version it made), not a bare
 * "unchanged" that leaves the device without the version it needs for its next amendment.
 * It replaces `refusals`, which kept only the refused ones; those move over as they are.
 */
export const pushResults: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('push_results')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'unchanged', 'conflict', 'refused')`))
      .addColumn('version', 'integer')
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('push_results_pk', ['device_id', 'seq'])
      .execute();
    await sql`insert into push_results (device_id, seq, status, reason) select device_id, seq, 'refused', reason from refusals`.execute(db);
    await db.schema.dropTable('refusals').execute();
  },
};
