import type { Kysely, Transaction } from 'kysely';
import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { Database, NewChange } from '../db/schema.ts';

type Reader = Kysely<Database> | Transaction<Database>;

/** A report's review status (received until a coordinator acts) and its comments, oldest first. */
export async function loadThreads(db: Reader, reportIds: readonly string[]): Promise<Map<string, ReviewThread>> {
  const threads = new Map<string, ReviewThread>();
  if (reportIds.length === 0) return threads;
  const reports = await db
    .selectFrom('reports')
    .leftJoin('reviews', 'reviews.report_id', 'reports.id')
    .select(['reports.id', 'reports.project_id', 'reports.author_id', 'reports.received_at', 'reviews.status', 'reviews.updated_at'])
    .where('reports.id', 'in', reportIds)
    .execute();
  const comments = await db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select(['comments.id', 'comments.report_id', 'comments.author_id', 'comments.body', 'comments.pin', 'comments.created_at', 'users.display_name'])
    .where('comments.report_id', 'in', reportIds)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  for (const report of reports) {
    threads.set(report.id, {
      reportId: report.id,
      projectId: report.project_id,
      status: report.status ?? 'received',
      updatedAt: report.updated_at ?? report.received_at,
      comments: comments
        .filter((c) => c.report_id === report.id)
        .map((c) => ({
          id: c.id,
          authorId: c.author_id,
          authorName: c.display_name,
          authorRole: c.author_id === report.author_id ? ('observer' as const) : ('coordinator' as const),
          body: c.body,
          ...(c.pin === null ? {} : { pin: c.pin }),
          createdAt: c.created_at,
        })),
    });
  }
  return threads;
}

/** The change-log entry that sends a report's thread to its observer (and the project's coordinators). */
export function threadChange(report: { id: string; project_id: string; author_id: string }): NewChange {
  return { project_id: report.project_id, entity: 'review', entity_id: report.id, owner_id: report.author_id };
}
