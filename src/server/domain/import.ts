import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { importArchive, type ImportOutcome } from '../import/import-archive.ts';
import { record, type Actor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * `npm run import`: a JSON archive into a project, all or nothing (import/import-archive.ts), with its
 * audit entry in the same transaction, so the log never claims an import that rolled back.
 */
export async function importCases(db: Kysely<Database>, actor: Actor, bytes: Uint8Array, projectId: string, progress: (step: string) => void = () => undefined): Promise<ImportOutcome> {
  return inTransaction(db, async (trx) => {
    const outcome = await importArchive(trx, bytes, projectId, progress);
    await record(trx, actor, { action: 'import.cli', projectId, target: projectId, detail: { ...outcome } });
    return outcome;
  });
}
