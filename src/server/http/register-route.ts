import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ROUTES_BY_KEY, checkResponse, routeKey } from '../../core/api/contract.ts';
import type { ParsedRequest, ResponseInput, RouteContract } from '../../core/api/route.ts';
import { describeIssues } from '../../core/sync/protocol.ts';
import { requireCommandAccess } from './auth-hook.ts';
import { parseInput } from './validate.ts';

/** A JSON route's handler answers with its response schema's input; a bytes route sends through the reply itself. */
type Answer<R extends RouteContract> = R['response'] extends 'bytes' ? FastifyReply : ResponseInput<R>;

export type RouteHandler<R extends RouteContract> = (input: ParsedRequest<R>, request: FastifyRequest, reply: FastifyReply) => Promise<Answer<R>>;

/**
 * Registers a route from its contract entry (src/core/api/contract.ts): unless the entry is open to
 * anyone, a caller who is not signed in gets 401 first; then the path parameters, the query string and
 * the body are parsed with the entry's schemas (a 400 naming every fault otherwise, before the
 * handler runs and so before anything is stored), and the handler's answer is typed by the response
 * schema. A status other than 200 is set on the reply (`reply.status(201)`) before answering.
 */
export function registerRoute<const R extends RouteContract>(app: FastifyInstance, entry: R, handler: NoInfer<RouteHandler<R>>, options: Pick<RouteShorthandOptions, 'bodyLimit'> = {}): void {
  app.route({
    method: entry.method,
    url: entry.path,
    ...options,
    handler: async (request, reply) => {
      // Sign-in first, then the request: nobody learns how a request should look before they are signed in.
      // (The weaker check that lets a revoked device fetch its wipe; handlers check access fully.)
      if (entry.caller !== 'anyone') requireCommandAccess(request);
      const input = {
        params: entry.params === undefined ? undefined : parseInput(entry.params, request.params, entry.what),
        query: entry.query === undefined ? undefined : parseInput(entry.query, request.query, entry.what),
        body: entry.body === undefined ? undefined : entry.body === 'bytes' ? request.body : parseInput(entry.body, request.body, entry.what),
      } as ParsedRequest<R>;
      return handler(input, request, reply);
    },
  });
}

/**
 * A preSerialization hook for builds under test (buildApp's checkResponses): every JSON answer of a
 * route in the table is checked against its response schema, and one that is off its contract becomes a
 * loud 500 naming the route and the faults (code response_off_contract, a test build's own: never in
 * production), so an integration test that reaches the route fails on it. Error answers (4xx, 5xx) have
 * the common error body and are not checked here.
 */
export function checkResponseHook(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode >= 400) return Promise.resolve(payload);
  const entry = ROUTES_BY_KEY.get(`${request.method === 'HEAD' ? 'GET' : request.method} ${request.routeOptions.url ?? ''}`);
  if (entry === undefined) return Promise.resolve(payload);
  const issues = checkResponse(entry, payload);
  if (issues === undefined) return Promise.resolve(payload);
  const faults = describeIssues(issues).map((i) => `${i.path}: ${i.message}`).join('; ');
  const message = `${entry.method} ${entry.path} answered off its contract: ${faults}`;
  request.log.error({ route: routeKey(entry) }, message);
  void reply.status(500);
  return Promise.resolve({ error: { code: 'response_off_contract', message } });
}
