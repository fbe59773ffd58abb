import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { audit } from '../audit/audit-log.ts';
import { claimInvitation } from '../auth/invitations.ts';
import type { Db } from '../db/connect.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { ApiError } from '../errors.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { INVITATION_PER_ADDRESS, INVITATION_PER_USER, limitAttempts } from '../http/rate-limit.ts';
import { parseInput } from '../http/validate.ts';
import { addMember, createUser, UserInputError } from '../users.ts';

const usernameTaken = (username: string): ApiError =>
  new ApiError(409, 'username_taken', `An account "${username}" exists already. If it is yours, sign in and accept the invitation there; otherwise ask your coordinator for an invitation under another username.`);

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
    if (access.deviceId !== undefined) throw new ApiError(403, 'forbidden', 'Accept an invitation signed in with your password, not from an enrolled device.');
    const accepted = await db.transaction().execute(async (trx) => {
      const invitation = await claimInvitation(trx, code, (found) => {
        if (found.username !== access.user.username) {
          throw new ApiError(403, 'invitation_for_another_account', `This invitation is for the account "${found.username}". Sign in as that account to accept it.`);
        }
        return Promise.resolve(access.user.id);
      });
      await addMember(trx, invitation.projectId, access.user.id, invitation.role);
      await audit(trx, { actorId: access.user.id, action: 'invitation.accepted', projectId: invitation.projectId, target: access.user.id });
      await audit(trx, { actorId: access.user.id, action: 'role.granted', projectId: invitation.projectId, target: access.user.id, detail: { role: invitation.role } });
      return invitation;
    });
    return { projectId: accepted.projectId, projectName: accepted.projectName, role: accepted.role, username: accepted.username };
  });

  // Open to anyone holding a code, so rate-limited like sign-in and enrolment.
  app.post('/api/invitations/accept-new', async (request, reply) => {
    const { code, password } = parseInput(AcceptNew, request.body, 'invitation');
    await limitAttempts(db, reply, [{ limit: INVITATION_PER_ADDRESS, subject: request.ip }]);
    const accepted = await db.transaction().execute(async (trx) => {
      const invitation = await claimInvitation(trx, code, async (found) => {
        const taken = await trx.selectFrom('users').select('id').where('username', '=', found.username).executeTakeFirst();
        // Only the holder of a valid code learns that the name is taken: it is their own account, or a clash the coordinator fixes.
        if (taken !== undefined) throw usernameTaken(found.username);
        const created = await createUser(trx, { username: found.username, password, ...(found.displayName === null ? {} : { displayName: found.displayName }) }).catch((error: unknown) => {
          if (error instanceof UserInputError) throw new ApiError(400, 'invalid_input', error.message);
          // Another invitation for the same name was accepted at the same moment, and committed first (PostgreSQL
          // lets both transactions pass the check above): the same answer as if it had committed a moment earlier.
          throw isUniqueViolation(error) ? usernameTaken(found.username) : error;
        });
        return created.id;
      });
      await addMember(trx, invitation.projectId, invitation.userId, invitation.role);
      await audit(trx, { actorId: invitation.userId, action: 'user.created', projectId: invitation.projectId, target: invitation.userId });
      await audit(trx, { actorId: invitation.userId, action: 'invitation.accepted', projectId: invitation.projectId, target: invitation.userId });
      await audit(trx, { actorId: invitation.userId, action: 'role.granted', projectId: invitation.projectId, target: invitation.userId, detail: { role: invitation.role } });
      return invitation;
    });
    return reply.status(201).send({ projectId: accepted.projectId, projectName: accepted.projectName, role: accepted.role, username: accepted.username });
  });
}
