import { describe, expect, it } from 'vitest';
import { api, ApiFailure, type Connection } from '../../../src/app/api/client.ts';

/** A connection whose server always gives the same answer, and which keeps what it was asked. */
function answering(status: number, body: string): Connection & { readonly asked: { path: string; headers: Headers }[] } {
  const asked: { path: string; headers: Headers }[] = [];
  return {
    asked,
    token: undefined,
    fetch: (path, init) => {
      asked.push({ path, headers: new Headers(init.headers) });
      return Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json' } }));
    },
  };
}

describe('the API client', () => {
  it('takes a success whose body broke off for no answer at all (offline, tried again), and a whole one for its body', async () => {
    const whole = JSON.stringify({ lastSeq: 3, results: [{ seq: 3, status: 'applied', version: 2 }] });
    const failure = await api('/api/sync/push', { method: 'POST', body: {} }, answering(200, whole.slice(0, whole.length / 2))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'offline', code: 'answer_broken_off' });
    expect(await api('/api/sync/push', { method: 'POST', body: {} }, answering(200, whole))).toEqual(JSON.parse(whole));
  });

  it('keeps telling a refusal and a server error apart when their bodies are not the API\'s', async () => {
    await expect(api('/x', {}, answering(404, '<html>'))).rejects.toMatchObject({ kind: 'refused', status: 404, code: 'http_error' });
    await expect(api('/x', {}, answering(502, 'Bad gateway'))).rejects.toMatchObject({ kind: 'server', status: 502 });
  });

  it('sends the connection\'s device token as a bearer header, and nothing when there is none', async () => {
    const connection = answering(200, '{}');
    await api('/api/me', {}, connection);
    connection.token = 'secret-token';
    await api('/api/me', {}, connection);
    expect(connection.asked.map((a) => a.headers.get('authorization'))).toEqual([null, 'Bearer secret-token']);
  });
});
