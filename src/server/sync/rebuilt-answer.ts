import type { Transaction } from 'kysely';
import type { Mutation, MutationResult } from '../../core/sync/protocol.ts';
import type { Database } from '../db/schema.ts';
import { reportContentHash } from './apply-report.ts';

/**
 * The answer to a retried seq applied before migration 009 began storing answers (`push_results`),
 * rebuilt from what the mutation wrote, so the device still learns the version its next amendment names:
 * a report's version that this device sent with this content (versions keep the device and the content
 * hash), a case's current version, a comment's 1. Refusals were stored before 009 and moved over.
 */
export async function rebuiltAnswer(trx: Transaction<Database>, deviceId: string, mutation: Mutation): Promise<MutationResult> {
  const row =
    mutation.entity === 'report'
      ? await trx
          .selectFrom('report_versions')
          .select('version')
          .where('report_id', '=', mutation.id)
          .where('device_id', '=', deviceId)
          .where('content_hash', '=', reportContentHash(mutation.payload))
          .orderBy('version', 'desc')
          .executeTakeFirst()
      : mutation.entity === 'case'
        ? await trx.selectFrom('cases').select('version').where('id', '=', mutation.id).executeTakeFirst()
        : await trx.selectFrom('comments').select((eb) => eb.lit(1).as('version')).where('id', '=', mutation.id).executeTakeFirst();
  return row === undefined ? { seq: mutation.seq, status: 'unchanged' } : { seq: mutation.seq, status: 'unchanged', version: row.version };
}
