import type { Kysely, Migration } from 'kysely';
import { uuidv7 } from 'uuidv7';

/**
 * Pending invitations listed and cancelled on the People screen. An invitation's id is the hash of its
 * code, which must not travel back to the browser (the code has about 59 bits: its hash could be guessed
 * offline), so each gets a public id of its own; the invitations made before this migration get one now.
 * A cancelled invitation keeps its row, with who cancelled it and when, and its code no longer works.
 */
export const invitationCancelling: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('invitations').addColumn('public_id', 'text').execute();
    await db.schema.alterTable('invitations').addColumn('cancelled_at', 'text').execute();
    await db.schema.alterTable('invitations').addColumn('cancelled_by', 'text', (c) => c.references('users.id')).execute();
    const existing = db.withTables<{ invitations: { id: string; public_id: string | null } }>();
    for (const { id } of await existing.selectFrom('invitations').select('id').execute()) {
      await existing.updateTable('invitations').set({ public_id: uuidv7() }).where('id', '=', id).execute();
    }
    await db.schema.createIndex('invitations_public_id').unique().on('invitations').column('public_id').execute();
  },
};
