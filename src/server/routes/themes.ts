import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { isCoordinator } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { notFound } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

/** What the thematic view draws: per month, how many hearings were observed and how many raised each right. */
export interface ThemesResponse {
  readonly months: readonly string[];
  readonly hearings: readonly number[];
  readonly rights: readonly { readonly right: string; readonly hearings: readonly number[] }[];
}

// A hearing is a case on a date: several observers' reports of one hearing count once.
const hearingKey = sql<string>`${sql.ref('reports.case_id')} || '/' || ${sql.ref('reports.hearing_date')}`;
const month = sql<string>`substr(${sql.ref('reports.hearing_date')}, 1, 7)`;

export function themeRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;
  app.get('/api/projects/:projectId/themes', async (request): Promise<ThemesResponse> => {
    const access = requireAccess(request);
    const { projectId: id } = parseInput(v.strictObject({ projectId: Uuid }), request.params, 'project id');
    if (!isCoordinator(access, id)) throw notFound('The project');
    const perMonth = await db
      .selectFrom('reports')
      .select([month.as('month'), sql<number>`count(distinct ${hearingKey})`.as('hearings')])
      .where('reports.project_id', '=', id)
      .groupBy(month)
      .orderBy(month)
      .execute();
    const perRight = await db
      .selectFrom('reports')
      .innerJoin('report_rights', 'report_rights.report_id', 'reports.id')
      .select([month.as('month'), 'report_rights.right_id', sql<number>`count(distinct ${hearingKey})`.as('hearings')])
      .where('reports.project_id', '=', id)
      .groupBy([month, 'report_rights.right_id'])
      .execute();
    const months = perMonth.map((m) => m.month);
    const index = new Map(months.map((m, i) => [m, i]));
    const rights = new Map<string, number[]>();
    for (const row of perRight) {
      const counts = rights.get(row.right_id) ?? months.map(() => 0);
      const at = index.get(row.month);
      if (at !== undefined) counts[at] = row.hearings;
      rights.set(row.right_id, counts);
    }
    return {
      months,
      hearings: perMonth.map((m) => m.hearings),
      rights: [...rights].map(([right, hearings]) => ({ right, hearings })).sort((a, b) => a.right.localeCompare(b.right)),
    };
  });
}
