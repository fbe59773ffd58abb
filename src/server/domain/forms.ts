import type { Kysely } from 'kysely';
import { coordinatedProjects, isCoordinator, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { apiError, forbidden } from '../errors.ts';
import { publishForm, type PublishResult } from '../forms/publish-form.ts';

/**
 * Checklists: publishing a version and the list of published ones. The publishing rules themselves
 * (checked like forms:check, id@version immutable) are in forms/publish-form.ts, which the start-up
 * publication of the built-in forms shares.
 */

/**
 * POST /api/forms?projectId=: publishing, scoped to what the publisher manages: a coordinator publishes
 * into one project they coordinate, whose members alone receive and use it; an administrator may also
 * publish for every project (no projectId). Body: the form. Answer: PublishResult (201 published, 200 unchanged).
 */
export async function publishChecklist(db: Kysely<Database>, access: Access, definition: unknown, projectId: string | undefined): Promise<PublishResult> {
  if (!access.isAdmin && coordinatedProjects(access).length === 0) throw forbidden('publishing');
  if (projectId === undefined && !access.isAdmin) throw apiError('project_required', {});
  if (projectId !== undefined && !isCoordinator(access, projectId)) throw forbidden('project_publishing');
  return publishForm(db, definition, projectId ?? null);
}

/** GET /api/forms: the versions this caller may use. Answer: { forms: { id, version, publishedAt, projectId }[] }. */
export async function listForms(db: Kysely<Database>, access: Access) {
  const memberOf = [...access.roles.keys()];
  const rows = await db
    .selectFrom('forms')
    .select(['id', 'version', 'published_at', 'project_id'])
    .$if(!access.isAdmin, (q) => q.where((eb) => eb.or([eb('project_id', 'is', null), ...(memberOf.length > 0 ? [eb('project_id', 'in', memberOf)] : [])])))
    .orderBy('id')
    .orderBy('version')
    .execute();
  return { forms: rows.map((r) => ({ id: r.id, version: r.version, publishedAt: r.published_at, projectId: r.project_id })) };
}
