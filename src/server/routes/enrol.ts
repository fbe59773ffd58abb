import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import { audit } from '../audit/audit-log.ts';
import { redeemEnrolmentCode } from '../auth/device-tokens.ts';
import type { Db } from '../db/connect.ts';
import { ApiError } from '../errors.ts';
import { ENROL_PER_ADDRESS, limitAttempts } from '../http/rate-limit.ts';
import { parseInput } from '../http/validate.ts';

const Enrol = v.strictObject({
  code: v.pipe(Text, v.trim(), v.minLength(1, 'enter the code'), v.maxLength(64)),
});

/** A device redeems a one-time code for its id and token. Open to anyone, so rate-limited like sign-in. */
export function enrolRoutes(app: FastifyInstance, database: Db): void {
  app.post('/api/enrol', async (request, reply) => {
    const input = parseInput(Enrol, request.body, 'enrolment');
    await limitAttempts(database.db, reply, [{ limit: ENROL_PER_ADDRESS, subject: request.ip }]);
    const enrolled = await redeemEnrolmentCode(database.db, input.code);
    if (enrolled === undefined) {
      await audit(database.db, { actorId: null, action: 'device.enrol_failed' });
      throw new ApiError(400, 'bad_enrolment_code', 'This code is wrong, used already or expired. Ask your coordinator for a new one.');
    }
    await audit(database.db, { actorId: enrolled.userId, action: 'device.enrolled', projectId: enrolled.projectId, target: enrolled.deviceId });
    return reply.status(201).send({ deviceId: enrolled.deviceId, token: enrolled.token, expiresAt: enrolled.expiresAt });
  });
}
