import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../src/app/base/api/call.ts';
import { ApiFailure, type Connection } from '../../../src/app/base/api/client.ts';
import { errorText } from '../../../src/app/base/i18n/error-text.ts';
import { loadLanguage, translator } from '../../../src/app/base/i18n/messages.ts';
import { contract } from '../../../src/core/api/contract.ts';

/** A connection whose server always gives the same answer, and which keeps what it was asked. */
function answering(status: number, body: string, type = 'application/json'): Connection & { readonly asked: { path: string; method: string; headers: Headers; body: unknown }[] } {
  const asked: { path: string; method: string; headers: Headers; body: unknown }[] = [];
  return {
    asked,
    token: undefined,
    fetch: (path, init) => {
      asked.push({ path, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body });
      return Promise.resolve(new Response(body, { status, headers: { 'content-type': type } }));
    },
  };
}

const PUSHED = { protocol: 1 as const, deviceId: '01900000-0000-7000-8000-000000000001', mutations: [] };
const ME = JSON.stringify({ protocol: 1, user: { id: 'u1', username: 'obs1', displayName: 'Obs One', isAdmin: false }, projects: [] });
/** What a hotel's or a station's Wi-Fi answers to every request until one logs in: 200 and its own page. */
const CAPTIVE_PORTAL = '<!doctype html><html><head><title>Welcome to CityWiFi</title></head><body><form>Accept the terms</form></body></html>';

describe('the API client', () => {
  beforeAll(async () => {
    await Promise.all([loadLanguage('en'), loadLanguage('ru')]);
  });

  it('takes a success whose body broke off for no answer at all (offline, tried again), and a whole one for its body', async () => {
    const whole = JSON.stringify({ lastSeq: 3, results: [{ seq: 3, status: 'applied', version: 2 }] });
    const failure = await call(contract.push, { body: PUSHED }, answering(200, whole.slice(0, whole.length / 2))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'offline', code: 'answer_broken_off' });
    expect(await call(contract.push, { body: PUSHED }, answering(200, whole))).toEqual(JSON.parse(whole));
  });

  it("keeps telling a refusal and a server error apart when their bodies are not the API's", async () => {
    await expect(call(contract.me, {}, answering(404, '<html>', 'text/html'))).rejects.toMatchObject({ kind: 'refused', status: 404, code: 'http_error' });
    await expect(call(contract.me, {}, answering(502, 'Bad gateway', 'text/plain'))).rejects.toMatchObject({ kind: 'server', status: 502 });
  });

  it("sends the connection's device token as a bearer header, and nothing when there is none", async () => {
    const connection = answering(200, ME);
    await call(contract.me, {}, connection);
    connection.token = 'secret-token';
    await call(contract.me, {}, connection);
    expect(connection.asked.map((a) => a.headers.get('authorization'))).toEqual([null, 'Bearer secret-token']);
  });

  it('builds the address from the entry: parameters encoded, only the query values given, and `{}` for a change with nothing to say', async () => {
    const connection = answering(200, JSON.stringify({ ok: true }));
    await call(contract.putAssessment, { params: { id: 'a/b', right: 'public-hearing' }, body: { text: 'x' } }, connection);
    await call(contract.signOut, {}, connection);
    const listed = answering(200, JSON.stringify({ entries: [], next: null }));
    await call(contract.listAudit, { query: { project: 'p 1' } }, listed);
    expect(connection.asked.map((a) => [a.method, a.path, a.body])).toEqual([
      ['PUT', '/api/cases/a%2Fb/assessments/public-hearing', '{"text":"x"}'],
      ['POST', '/api/auth/sign-out', '{}'],
    ]);
    expect(listed.asked[0]?.path).toBe('/api/audit?project=p+1');
  });

  it("answers a captive portal's HTML page, and a body of another shape, with the 'unexpected' failure, in words people read", async () => {
    const portal = await call(contract.pull, { query: { cursor: '0' } }, answering(200, CAPTIVE_PORTAL, 'text/html; charset=utf-8')).catch((e: unknown) => e);
    expect(portal).toBeInstanceOf(ApiFailure);
    expect(portal).toMatchObject({ kind: 'unexpected', code: 'unexpected_answer', status: 200 });
    // JSON, but not a pull: a cursor that is text, changes that are not a list.
    const shape = await call(contract.pull, { query: { cursor: '0' } }, answering(200, JSON.stringify({ cursor: 'x', hasMore: false, changes: {} }))).catch((e: unknown) => e);
    expect(shape).toMatchObject({ kind: 'unexpected', code: 'unexpected_answer' });
    expect((shape as Error).message).toContain('GET /api/sync/pull');
    expect(errorText({ t: translator('en'), language: 'en' }, portal)).toBe(translator('en')('apiUnexpected'));
    expect(errorText({ t: translator('ru'), language: 'ru' }, shape)).toMatch(/неожиданное/);
  });
});
