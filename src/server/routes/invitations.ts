import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { acceptInvitation, acceptInvitationAsNewPerson } from '../domain/invitations.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { INVITATION_PER_ADDRESS, INVITATION_PER_USER, limitAttempts } from '../http/rate-limit.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * The invited person's side of an invitation (see issueInvitation). An existing account accepts while
 * signed in with its password (a device token cannot: it never carries more than its project's observer
 * rights); a new person chooses a password with the code, and the account is made then. Either way the
 * account joins only the invitation's project, with its role, and the audit entries land in that project.
 */
export function invitationRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.acceptInvitation, async ({ body: { code } }, request, reply) => {
    const access = requireAccess(request);
    await limitAttempts(db, reply, [{ limit: INVITATION_PER_USER, subject: access.user.id }]);
    return acceptInvitation(db, access, code);
  });

  // Open to anyone holding a code, so rate-limited like sign-in and enrolment.
  registerRoute(app, contract.acceptNewInvitation, async ({ body: { code, password } }, request, reply) => {
    await limitAttempts(db, reply, [{ limit: INVITATION_PER_ADDRESS, subject: request.ip }]);
    const accepted = await acceptInvitationAsNewPerson(db, code, password);
    void reply.status(201);
    return accepted;
  });
}
