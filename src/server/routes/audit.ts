import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';

export const AUDIT_PAGE_SIZE = 100;

const AuditQuery = v.strictObject({
  project: v.optional(Uuid),
  /** The id of the last entry of the previous page: entries are UUIDv7, newest first. */
  before: v.optional(Uuid),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit is a whole number'), v.transform(Number), v.minValue(1), v.maxValue(500))),
});

/**
 * The audit log, newest first, a page at a time. Coordinators read their projects' entries;
 * administrators read everything, including entries of no project (sign-ins, account changes).
 */
export function auditRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/audit', async (request) => {
    const access = requireAccess(request);
    const query = parseInput(AuditQuery, request.query, 'audit query');
    if (query.project !== undefined) requireCoordinatorOf(access, query.project);
    const projects = query.project !== undefined ? [query.project] : access.isAdmin ? undefined : coordinatedProjects(access);
    if (projects !== undefined && projects.length === 0) throw forbidden('the audit log (coordinators and administrators only)');
    const limit = query.limit ?? AUDIT_PAGE_SIZE;
    const rows = await db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .leftJoin('projects', 'projects.id', 'audit_log.project_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.username', 'audit_log.action', 'audit_log.project_id', 'projects.name as project_name', 'audit_log.target', 'audit_log.detail'])
      .$if(projects !== undefined, (q) => q.where('audit_log.project_id', 'in', projects ?? []))
      .$if(query.before !== undefined, (q) => q.where('audit_log.id', '<', query.before ?? ''))
      .orderBy('audit_log.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor_id === null ? null : { id: r.actor_id, username: r.username ?? '' },
        action: r.action,
        project: r.project_id === null ? null : { id: r.project_id, name: r.project_name ?? '' },
        target: r.target,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      })),
      next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
}
