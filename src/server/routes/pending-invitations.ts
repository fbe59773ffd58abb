import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import { audit } from '../audit/audit-log.ts';
import { cancelInvitation, listPendingInvitations } from '../auth/pending-invitations.ts';
import type { Db } from '../db/connect.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { requireCoordinatorOf } from '../http/project-access.ts';
import { parseInput } from '../http/validate.ts';

const ProjectParams = v.strictObject({ projectId: Uuid });
const InvitationParams = v.strictObject({ projectId: Uuid, invitationId: Uuid });
const NoBody = v.strictObject({});

/** The coordinator's side of invitations after issuing one (routes/people.ts): who is still invited, and cancelling. */
export function pendingInvitationRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/projects/:projectId/invitations', async (request) => {
    const access = requireAccess(request);
    const { projectId } = parseInput(ProjectParams, request.params, 'project id');
    requireCoordinatorOf(access, projectId);
    return { invitations: await listPendingInvitations(db, projectId) };
  });

  app.post('/api/projects/:projectId/invitations/:invitationId/cancel', async (request) => {
    const access = requireAccess(request);
    const { projectId, invitationId } = parseInput(InvitationParams, request.params, 'invitation address');
    parseInput(NoBody, request.body, 'cancellation');
    requireCoordinatorOf(access, projectId);
    const changed = await db.transaction().execute(async (trx) => {
      const cancelled = await cancelInvitation(trx, { projectId, invitationId, cancelledBy: access.user.id });
      if (cancelled) await audit(trx, { actorId: access.user.id, action: 'invitation.cancelled', projectId, detail: { invitationId } });
      return cancelled;
    });
    return { ok: true, changed };
  });
}
