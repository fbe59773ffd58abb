import type { Kysely } from 'kysely';
import { attachmentHashes, type ReportAttachment } from '../../core/sync/attachments.ts';
import type { Database } from '../db/schema.ts';

/**
 * The attachments a report's current version refers to, each with what the server holds of it. A report
 * is accepted before its files arrive (SYNC.md), so "missing" and "uploading" are normal states here.
 */
export async function reportAttachments(db: Kysely<Database>, projectId: string, answersJson: string): Promise<ReportAttachment[]> {
  const hashes = attachmentHashes(JSON.parse(answersJson) as Record<string, unknown>);
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .select(['hash', 'kind', 'mime', 'size', 'received', 'state', 'name'])
    .where('project_id', '=', projectId)
    .where('hash', 'in', hashes)
    .execute();
  const byHash = new Map(rows.map((row) => [row.hash, row]));
  return hashes.map((hash): ReportAttachment => {
    const row = byHash.get(hash);
    if (row === undefined) return { hash, state: 'missing', received: 0 };
    return {
      hash,
      state: row.state,
      kind: row.kind,
      mime: row.mime,
      size: row.size,
      received: row.received,
      ...(row.name === null ? {} : { name: row.name }),
    };
  });
}
