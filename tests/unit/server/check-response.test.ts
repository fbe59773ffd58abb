import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkResponseHook } from '../../../src/server/http/register-route.ts';

const request = (method: string, url: string): FastifyRequest => ({ method, routeOptions: { url } }) as unknown as FastifyRequest;
const reply = (statusCode: number): FastifyReply => ({ statusCode }) as unknown as FastifyReply;
const ME = { protocol: 1, user: { id: 'u1', username: 'obs1', displayName: 'Obs One', isAdmin: false }, projects: [] };

/** Under test, every answer of a route in the table is checked against its response schema (buildApp's checkResponses). */
describe('the response check', () => {
  it('passes an answer of the route’s shape as it is', async () => {
    await expect(checkResponseHook(request('GET', '/api/me'), reply(200), ME)).resolves.toBe(ME);
  });

  it('turns an answer off its contract into a loud 500 naming the route and the fault', async () => {
    const wrong = { ...ME, projects: [{ id: 'p1', name: 'A', role: 'owner' }] };
    await expect(checkResponseHook(request('GET', '/api/me'), reply(200), wrong)).rejects.toMatchObject({ status: 500, code: 'response_off_contract', message: expect.stringContaining('GET /api/me') as unknown });
    await expect(checkResponseHook(request('GET', '/api/me'), reply(200), wrong)).rejects.toMatchObject({ message: expect.stringContaining('projects.0.role') as unknown });
  });

  it('leaves error answers and routes outside the table alone', async () => {
    await expect(checkResponseHook(request('GET', '/api/me'), reply(403), { error: { code: 'forbidden', message: 'No.' } })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    await expect(checkResponseHook(request('GET', '/index.html'), reply(200), { anything: true })).resolves.toEqual({ anything: true });
  });
});
