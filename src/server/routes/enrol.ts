import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { enrolDevice } from '../domain/devices-enrolment.ts';
import { ENROL_PER_ADDRESS, limitAttempts } from '../http/rate-limit.ts';
import { registerRoute } from '../http/register-route.ts';

/** A device redeems a one-time code for its id and token. Open to anyone, so rate-limited like sign-in. */
export function enrolRoutes(app: FastifyInstance, database: Db): void {
  registerRoute(app, contract.enrol, async ({ body: input }, request, reply) => {
    await limitAttempts(database.db, reply, [{ limit: ENROL_PER_ADDRESS, subject: request.ip }]);
    const enrolled = await enrolDevice(database.db, input.code);
    void reply.status(201);
    return enrolled;
  });
}
