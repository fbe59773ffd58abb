import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkResponseHook } from '../../../src/server/http/register-route.ts';

const reply = (statusCode: number): FastifyReply & { statusCode: number } => {
  const fake = { statusCode, status: (code: number) => ((fake.statusCode = code), fake) };
  return fake as unknown as FastifyReply & { statusCode: number };
};
const request = (method: string, url: string): FastifyRequest => ({ method, routeOptions: { url }, log: { error: () => undefined } }) as unknown as FastifyRequest;
const ME = { protocol: 1, user: { id: 'u1', username: 'obs1', displayName: 'Obs One', isAdmin: false }, projects: [] };

/** Under test, every answer of a route in the table is checked against its response schema (buildApp's checkResponses). */
describe('the response check', () => {
  it('passes an answer of the route’s shape as it is', async () => {
    await expect(checkResponseHook(request('GET', '/api/me'), reply(200), ME)).resolves.toBe(ME);
  });

  it('turns an answer off its contract into a loud 500 naming the route and the fault', async () => {
    const wrong = { ...ME, projects: [{ id: 'p1', name: 'A', role: 'owner' }] };
    const answered = reply(200);
    const sent = await checkResponseHook(request('GET', '/api/me'), answered, wrong);
    expect(answered.statusCode).toBe(500);
    expect(sent).toMatchObject({ error: { code: 'response_off_contract', message: expect.stringContaining('GET /api/me') as unknown } });
    expect(sent).toMatchObject({ error: { message: expect.stringContaining('projects.0.role') as unknown } });
  });

  it('leaves error answers and routes outside the table alone', async () => {
    await expect(checkResponseHook(request('GET', '/api/me'), reply(403), { error: { code: 'forbidden', message: 'No.' } })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    await expect(checkResponseHook(request('GET', '/index.html'), reply(200), { anything: true })).resolves.toEqual({ anything: true });
  });
});
