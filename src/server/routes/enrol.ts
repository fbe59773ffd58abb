import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { Text } from '../../core/sync/text.ts';
import type { Db } from '../db/connect.ts';
import { enrolDevice } from '../domain/devices-enrolment.ts';
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
    return reply.status(201).send(await enrolDevice(database.db, input.code));
  });
}
