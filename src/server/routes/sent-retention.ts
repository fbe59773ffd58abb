import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { memberSentRetention, saveSentRetention } from '../domain/sent-retention.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/** How long the project's phones keep a sent report's contents: members read it, coordinators change it. */
export function sentRetentionRoutes(app: FastifyInstance, { db }: Db): void {
  registerRoute(app, contract.getSentRetention, async ({ params: { projectId } }, request) => memberSentRetention(db, requireAccess(request), projectId));

  registerRoute(app, contract.putSentRetention, async ({ params: { projectId }, body }, request) => {
    const access = requireAccess(request);
    return saveSentRetention(db, access, apiActor(access.user.id), projectId, body);
  });
}
