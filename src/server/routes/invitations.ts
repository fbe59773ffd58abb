import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { Db } from '../db/connect.ts';
import { acceptInvitation, acceptInvitationAsNewPerson } from '../domain/invitations.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { INVITATION_PER_ADDRESS, INVITATION_PER_USER, limitAttempts } from '../http/rate-limit.ts';
import { parseInput } from '../http/validate.ts';

const Code = v.pipe(v.string(), v.trim(), v.minLength(1, 'enter the code'), v.maxLength(64));
const AcceptSignedIn = v.strictObject({ code: Code });
const AcceptNew = v.strictObject({
  code: Code,
  password: v.pipe(v.string(), v.minLength(12, 'a password needs at least 12 characters'), v.maxLength(1_000)),
});

/**
 * The invited person's side of an invitation (see issueInvitation). An existing account accepts while
 * signed in with its password (a device token cannot: it never carries more than its project's observer
 * rights); a new person chooses a password with the code, and the account is made then. Either way the
 * account joins only the invitation's project, with its role, and the audit entries land in that project.
 */
export function invitationRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.post('/api/invitations/accept', async (request, reply) => {
    const access = requireAccess(request);
    const { code } = parseInput(AcceptSignedIn, request.body, 'invitation');
    await limitAttempts(db, reply, [{ limit: INVITATION_PER_USER, subject: access.user.id }]);
    return acceptInvitation(db, access, code);
  });

  // Open to anyone holding a code, so rate-limited like sign-in and enrolment.
  app.post('/api/invitations/accept-new', async (request, reply) => {
    const { code, password } = parseInput(AcceptNew, request.body, 'invitation');
    await limitAttempts(db, reply, [{ limit: INVITATION_PER_ADDRESS, subject: request.ip }]);
    return reply.status(201).send(await acceptInvitationAsNewPerson(db, code, password));
  });
}
