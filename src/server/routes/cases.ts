import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { CalendarDate, Text } from '../../core/sync/text.ts';
import { Uuid } from '../../core/sync/protocol.ts';
import type { Db } from '../db/connect.ts';
import { apiActor } from '../domain/audit.ts';
import { caseFilterChoices, decideFinding, exportCase, listCases, reviewableCase, reviewableProjects, saveAssessment, saveRecommendations } from '../domain/cases.ts';
import { requireAccess } from '../http/auth-hook.ts';
import { parseInput } from '../http/validate.ts';

const CaseFilter = v.strictObject({
  project: v.optional(Uuid),
  court: v.optional(v.pipe(Text, v.maxLength(200))),
  observer: v.optional(Uuid),
  from: v.optional(CalendarDate),
  to: v.optional(CalendarDate),
  concerns: v.optional(v.picklist(['1', '0'])),
  /** Cases with at least one report in this review state (a report nobody reviewed yet is "received"). */
  status: v.optional(v.picklist(['received', 'needs_clarification', 'approved'], 'status is received, needs_clarification or approved')),
  q:  v.optional(v.pipe(Text, v.trim(), v.maxLength(200))),
  /** The `next` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(1_000, 'at most 1,000 cases a page'))),
});

const Decision = v.strictObject({
  reportId: Uuid,
  path: v.pipe(Text, v.minLength(1), v.maxLength(300)),
  decision: v.picklist(['confirmed', 'dismissed', 'open'], 'decision is confirmed, dismissed or open'),
  note: v.optional(v.pipe(Text, v.maxLength(5_000)), ''),
});

const Assessment = v.strictObject({
  text: v.pipe(Text, v.maxLength(20_000, 'an assessment has at most 20,000 characters')),
  grade: v.optional(v.pipe(Text, v.trim(), v.maxLength(200))),
});

/** What the coordinator recommends, after the findings of the case's monitoring report. */
const Recommendations = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(20_000, 'recommendations have at most 20,000 characters')),
});

/** The coordinator's cases: the filtered list, one case with everything behind its findings, and decisions on them (src/server/domain/cases.ts). */
export function caseRoutes(app: FastifyInstance, database: Db): void {
  const { db } = database;

  app.get('/api/cases', async (request) => {
    const access = requireAccess(request);
    const scope = reviewableProjects(access);
    const { cursor, limit, ...filter } = parseInput(CaseFilter, request.query, 'case filter');
    const page = await listCases(db, scope, filter, { cursor, limit });
    return { ...(await caseFilterChoices(db, scope)), ...page };
  });

  app.get('/api/cases/:id', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'case id');
    const kase = await reviewableCase(db, access, id);
    return exportCase(db, apiActor(access.user.id), kase);
  });

  app.post('/api/cases/:id/decisions', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'case id');
    const input = parseInput(Decision, request.body, 'decision');
    const kase = await reviewableCase(db, access, id);
    await decideFinding(db, apiActor(access.user.id), kase, input);
    return { ok: true };
  });

  app.put('/api/cases/:id/assessments/:right', async (request) => {
    const access = requireAccess(request);
    const params = parseInput(v.strictObject({ id: Uuid, right: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a right id')) }), request.params, 'assessment address');
    const input = parseInput(Assessment, request.body, 'assessment');
    const kase = await reviewableCase(db, access, params.id);
    await saveAssessment(db, apiActor(access.user.id), kase, { rightId: params.right, text: input.text, grade: input.grade ?? null });
    return { ok: true };
  });

  app.put('/api/cases/:id/recommendations', async (request) => {
    const access = requireAccess(request);
    const { id } = parseInput(v.strictObject({ id: Uuid }), request.params, 'case id');
    const input = parseInput(Recommendations, request.body, 'recommendations');
    const kase = await reviewableCase(db, access, id);
    await saveRecommendations(db, apiActor(access.user.id), kase, input.text);
    return { ok: true };
  });
}
