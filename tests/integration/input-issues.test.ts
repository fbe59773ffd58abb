import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src/app/base/api/client.ts';
import { errorText } from '../../src/app/base/i18n/error-text.ts';
import { issueText } from '../../src/app/base/i18n/api-errors.ts';
import { loadLanguage, translator } from '../../src/app/base/i18n/messages.ts';
import type { ApiErrorBody } from '../../src/core/sync/protocol.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * A bad input's faults travel as stable keys with their limits (src/core/api/input-issues.ts), and the
 * app says them in the reader's language: "не более 64 символов", never the schema's English.
 */
describe.each(testEngines())('bad input by its kind and limits on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    await Promise.all([loadLanguage('en'), loadLanguage('ru')]);
  });
  afterAll(async () => {
    await server.close();
  });

  const failureOf = (body: ApiErrorBody, status: number): ApiFailure => new ApiFailure('refused', status, body.error.code, body.error.message, body.error.issues ?? [], body.error.params ?? {});
  const ru = () => ({ t: translator('ru'), language: 'ru' as const });
  const longCode = 'K'.repeat(65);

  it('answers a pushed case whose code is too long with invalid_input, too_long and max 64, said in Russian', async () => {
    const mutation = caseMutation(1, server.projectA, uuidv7(), longCode);
    const response = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [mutation] });
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiErrorBody>();
    expect(body.error).toMatchObject({ code: 'invalid_input', params: { path: 'mutations.0.payload.code', issue: 'too_long', max: 64 } });
    expect(body.error.issues?.[0]).toMatchObject({ path: 'mutations.0.payload.code', code: 'too_long', params: { max: 64 } });
    expect(body.error.message).toContain('at most 64 characters');
    const shown = errorText(ru(), failureOf(body, 400));
    expect(shown).toBe('В запросе есть ошибка (mutations.0.payload.code: не более 64 символов).');
    expect(shown).not.toContain('characters');
    expect(await server.database.db.selectFrom('cases').select('id').execute()).toEqual([]);
  });

  it('answers a case opened on the desk with a too-long code and an unknown field the same way, fault by fault', async () => {
    const response = await server.request(server.people.coord, 'POST', `/api/projects/${server.projectA}/cases`, { code: longCode, court: 'City court', extra: 1 });
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiErrorBody>();
    expect(body.error.issues?.map((i) => [i.path, i.code, i.params])).toEqual(
      expect.arrayContaining([
        ['code', 'too_long', { max: 64 }],
        ['extra', 'unknown_key', {}],
      ]),
    );
    const faults = (body.error.issues ?? []).map((issue) => issueText('ru', issue));
    expect(faults).toEqual(expect.arrayContaining(['code: не более 64 символов', 'extra: такое поле здесь не принимается']));
    for (const fault of faults) expect(fault).not.toMatch(/[a-z]{3,} [a-z]{3,}/);
  });

  it('answers a broken form definition with invalid_form and each fault by its code, said in Russian on the forms screen', async () => {
    const broken = {
      id: 'broken',
      version: 1,
      level: 'hearing',
      languages: ['en', 'ru'],
      title: { en: 'Broken', ru: 'Сломанная' },
      sections: [{ id: 'only', title: { en: 'Only', ru: 'Только' }, items: [{ id: 'q', type: 'scale', label: { en: 'Q', ru: 'В' }, colour: 'red', concern: { when: { in: ['no'] }, rights: ['no-such-right'], severity: 'high' } }] }],
    };
    const response = await server.request(server.people.coord, 'POST', `/api/forms?projectId=${server.projectA}`, broken);
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiErrorBody>();
    expect(body.error.code).toBe('invalid_form');
    expect(body.error.issues?.map((i) => [i.path, i.code, i.params])).toEqual([
      ['/sections/0/items/0/colour', 'unknown_property', { key: 'colour' }],
      ['/sections/0/items/0/concern/rights/0', 'unknown_right', { right: 'no-such-right' }],
    ]);
    expect(body.error.params).toMatchObject({ faults: 2, path: '/sections/0/items/0/colour', issue: 'unknown_property', key: 'colour' });
    expect(body.error.message).toBe('The form has 2 fault(s), first at /sections/0/items/0/colour: unknown property "colour".');
    const failure = failureOf(body, 400);
    expect(errorText(ru(), failure)).toBe('В анкете ошибок: 2; первая — /sections/0/items/0/colour: неизвестное свойство «colour».');
    expect(failure.issues.map((issue) => issueText('ru', issue))).toEqual([
      '/sections/0/items/0/colour: неизвестное свойство «colour»',
      '/sections/0/items/0/concern/rights/0: неизвестное право «no-such-right»: добавьте его в forms/standards.json или исправьте id',
    ]);
  });
});
