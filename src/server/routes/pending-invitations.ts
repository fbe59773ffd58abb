import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { cancelInvitation, pendingInvitations } from '../domain/invitations.ts';
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
    return pendingInvitations(db, projectId);
  });

  app.post('/api/projects/:projectId/invitations/:invitationId/cancel', async (request) => {
    const access = requireAccess(request);
    const { projectId, invitationId } = parseInput(InvitationParams, request.params, 'invitation address');
    parseInput(NoBody, request.body, 'cancellation');
    requireCoordinatorOf(access, projectId);
    const changed = await cancelInvitation(db, apiActor(access.user.id), { projectId, invitationId });
    return { ok: true, changed };
  });
}
