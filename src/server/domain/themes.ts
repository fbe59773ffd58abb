import { sql, type Kysely } from 'kysely';
import { HEARING_LEVELS } from '../../core/forms/case-findings.ts';
import type { Database } from '../db/schema.ts';

/**
 * What the thematic view draws: per month, how many hearings were observed, and per right how many of
 * them raised it and with how many findings (the stored tallyFindings counts: dismissed findings left out).
 */
export interface ThemesResponse {
  readonly months: readonly string[];
  readonly hearings: readonly number[];
  readonly rights: readonly { readonly right: string; readonly hearings: readonly number[]; readonly findings: readonly number[] }[];
}

// A hearing is a case on a date: several observers' reports of one hearing count once.
const hearingKey = sql<string>`${sql.ref('reports.case_id')} || '/' || ${sql.ref('reports.hearing_date')}`;
const month = sql<string>`substr(${sql.ref('reports.hearing_date')}, 1, 7)`;

/** The ids of the forms whose reports are hearings (the case file, incidents and interviews are not). */
async function hearingForms(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('forms').select(['id', 'definition']).execute();
  const levels = new Map(rows.map((r) => [r.id, (JSON.parse(r.definition) as { level?: unknown }).level]));
  return [...levels].filter(([, level]) => HEARING_LEVELS.some((l) => l === level)).map(([id]) => id);
}

/**
 * GET /api/projects/:projectId/themes: the thematic view of a project. Answer: ThemesResponse.
 */
export async function projectThemes(db: Kysely<Database>, id: string): Promise<ThemesResponse> {
  const forms = await hearingForms(db);
  if (forms.length === 0) return { months: [], hearings: [], rights: [] };
  const perMonth = await db
    .selectFrom('reports')
    .select([month.as('month'), sql<number>`count(distinct ${hearingKey})`.as('hearings')])
    .where('reports.project_id', '=', id)
    .where('reports.form_id', 'in', forms)
    .groupBy(month)
    .orderBy(month)
    .execute();
  const perRight = await db
    .selectFrom('reports')
    .innerJoin('report_rights', 'report_rights.report_id', 'reports.id')
    .select([month.as('month'), 'report_rights.right_id', sql<number>`count(distinct ${hearingKey})`.as('hearings'), sql<number>`sum(${sql.ref('report_rights.findings')})`.as('findings')])
    .where('reports.project_id', '=', id)
    .where('reports.form_id', 'in', forms)
    .groupBy([month, 'report_rights.right_id'])
    .execute();
  const months = perMonth.map((m) => m.month);
  const index = new Map(months.map((m, i) => [m, i]));
  const rights = new Map<string, { hearings: number[]; findings: number[] }>();
  for (const row of perRight) {
    const counts = rights.get(row.right_id) ?? { hearings: months.map(() => 0), findings: months.map(() => 0) };
    const at = index.get(row.month);
    if (at !== undefined) {
      counts.hearings[at] = row.hearings;
      counts.findings[at] = row.findings;
    }
    rights.set(row.right_id, counts);
  }
  return {
    months,
    hearings: perMonth.map((m) => m.hearings),
    rights: [...rights].map(([right, counts]) => ({ right, ...counts })).sort((a, b) => a.right.localeCompare(b.right)),
  };
}
