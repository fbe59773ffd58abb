import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { cancelInvitation, pendingInvitations } from '../domain/invitations.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { registerRoute } from '../http/register-route.ts';

/** The coordinator's side of invitations after issuing one (routes/people.ts): who is still invited, and cancelling. */
export function pendingInvitationRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.listInvitations, async ({ params: { projectId } }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    return pendingInvitations(db, projectId);
  });

  registerRoute(app, contract.cancelInvitation, async ({ params: { projectId, invitationId } }, request) => {
    const access = requireAccess(request);
    requireCoordinatorOf(access, projectId);
    const changed = await cancelInvitation(db, apiActor(access.user.id), { projectId, invitationId });
    return { ok: true, changed };
  });
}
