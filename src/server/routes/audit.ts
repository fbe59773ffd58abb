import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { coordinatedProjects } from '../auth/access.ts';
import type { Db } from '../db/connect.ts';
import { AUDIT_PAGE_SIZE, listAudit } from '../domain/audit.ts';
import { forbidden } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';

export { AUDIT_PAGE_SIZE };

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
    if (projects !== undefined && projects.length === 0) throw forbidden('audit_log');
    return listAudit(db, { projects, before: query.before, limit: query.limit ?? AUDIT_PAGE_SIZE });
  });
}
