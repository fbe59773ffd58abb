import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

/** What the change log looks like: positions must be exactly 1..n and the counter must stand at n. */
export async function changeLogShape(db: Kysely<Database>): Promise<{ count: number; gapFree: boolean; counter: number; max: number }> {
  const positions = (await db.selectFrom('changes').select('position').orderBy('position').execute()).map((r) => r.position);
  const counter = (await db.selectFrom('counters').select('value').where('name', '=', 'changes').executeTakeFirstOrThrow()).value;
  return { count: positions.length, gapFree: positions.every((p, i) => p === i + 1), counter, max: positions.at(-1) ?? 0 };
}

/** Per report id: how many report rows, versions and change-log entries the server holds. */
export async function reportCopies(db: Kysely<Database>): Promise<{ reports: Map<string, number>; versions: Map<string, number>; changes: Map<string, number> }> {
  const count = (rows: { id: string }[]): Map<string, number> => {
    const map = new Map<string, number>();
    for (const { id } of rows) map.set(id, (map.get(id) ?? 0) + 1);
    return map;
  };
  return {
    reports: count(await db.selectFrom('reports').select('id').execute()),
    versions: count(await db.selectFrom('report_versions').select('report_id as id').execute()),
    changes: count(await db.selectFrom('changes').select('entity_id as id').where('entity', '=', 'report').execute()),
  };
}
