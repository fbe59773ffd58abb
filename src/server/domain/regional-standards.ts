import type { Kysely } from 'kysely';
import type { RegionalStandards } from '../../core/api/regional-standards.ts';
import { parseRegions, REGIONS } from '../../core/forms/regions.ts';
import { isCoordinator, isMember, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { record, type PersonActor } from './audit.ts';
import { inTransaction } from './transaction.ts';

/**
 * The regional standards of a project (issue 13: ECHR per project). With "council-of-europe" the
 * findings matrix and every export name ECHR 3, 5 and 6 beside the universal rights they correspond to;
 * without it they do not. Coordinators' screens and exports read it; observers' devices do not need it.
 */

/** The stored regions of a project, or undefined when there is no such project. */
export async function projectRegions(db: Kysely<Database>, projectId: string): Promise<RegionalStandards | undefined> {
  const row = await db.selectFrom('projects').select('regions').where('id', '=', projectId).executeTakeFirst();
  return row === undefined ? undefined : { regions: parseRegions(row.regions) };
}

/** GET /api/projects/:projectId/regional-standards: for the project's members; 404 for everyone else. Answer: RegionalStandards. */
export async function memberRegionalStandards(db: Kysely<Database>, access: Access, projectId: string): Promise<RegionalStandards> {
  const standards = isMember(access, projectId) ? await projectRegions(db, projectId) : undefined;
  if (standards === undefined) throw notFound('project');
  return standards;
}

/**
 * PUT /api/projects/:projectId/regional-standards (its coordinators). Body and answer: RegionalStandards.
 * Stored and audited in one transaction; strangers get 404 as for reading, members who only observe 403.
 */
export async function saveRegionalStandards(db: Kysely<Database>, access: Access, actor: PersonActor, projectId: string, standards: RegionalStandards): Promise<RegionalStandards> {
  await memberRegionalStandards(db, access, projectId);
  if (!isCoordinator(access, projectId)) throw forbidden('regional_standards');
  // Stored in the catalogue's order, so that the same choice is always the same text.
  const regions = REGIONS.filter((r) => standards.regions.includes(r));
  await inTransaction(db, async (trx) => {
    await trx.updateTable('projects').set({ regions: regions.join(',') }).where('id', '=', projectId).execute();
    await record(trx, actor, { action: 'project.regional_standards', projectId, target: projectId, detail: { regions: regions.join(',') } });
  });
  return { regions };
}
