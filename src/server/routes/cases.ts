import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { mergeCases } from '../domain/case-merge.ts';
import { openCase } from '../domain/case-open.ts';
import { caseFilterChoices, decideFinding, exportCase, listCases, reviewableCase, reviewableProjects, saveAssessment, saveRecommendations } from '../domain/cases.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { registerRoute } from '../http/register-route.ts';

/** The coordinator's cases: the filtered list, one case with everything behind its findings, and decisions on them (src/server/domain/cases.ts). */
export function caseRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  registerRoute(app, contract.listCases, async ({ query }, request) => {
    const access = requireAccess(request);
    const scope = reviewableProjects(access);
    const { cursor, limit, ...filter } = query;
    const page = await listCases(db, scope, filter, { cursor, limit });
    return { ...(await caseFilterChoices(db, scope)), ...page };
  });

  registerRoute(app, contract.getCase, async ({ params: { id } }, request) => {
    const access = requireAccess(request);
    const kase = await reviewableCase(db, access, id);
    return exportCase(db, apiActor(access.user.id), kase);
  });

  registerRoute(app, contract.decideFinding, async ({ params: { id }, body: input }, request) => {
    const access = requireAccess(request);
    const kase = await reviewableCase(db, access, id);
    await decideFinding(db, apiActor(access.user.id), kase, input);
    return { ok: true };
  });

  registerRoute(app, contract.putAssessment, async ({ params, body: input }, request) => {
    const access = requireAccess(request);
    const kase = await reviewableCase(db, access, params.id);
    await saveAssessment(db, apiActor(access.user.id), kase, { rightId: params.right, text: input.text, grade: input.grade ?? null });
    return { ok: true };
  });

  registerRoute(app, contract.putRecommendations, async ({ params: { id }, body: input }, request) => {
    const access = requireAccess(request);
    const kase = await reviewableCase(db, access, id);
    await saveRecommendations(db, apiActor(access.user.id), kase, input.text);
    return { ok: true };
  });

  registerRoute(app, contract.openCase, async ({ params: { projectId }, body }, request) => {
    const access = requireAccess(request);
    return openCase(db, access, apiActor(access.user.id), projectId, body);
  });

  registerRoute(app, contract.mergeCases, async ({ params: { id }, body: { into } }, request) => {
    const access = requireAccess(request);
    const from = await reviewableCase(db, access, id);
    return mergeCases(db, access, apiActor(access.user.id), from, into);
  });
}
