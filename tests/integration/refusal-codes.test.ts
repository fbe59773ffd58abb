import { uuidv7 } from 'uuidv7';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushAnswer } from '../../src/core/api/sync.ts';
import { SYNC_REFUSALS } from '../../src/core/api/error-codes.ts';
import type { LocalReport } from '../../src/app/db/records.ts';
import { refusalReasonText } from '../../src/app/base/i18n/error-text.ts';
import { loadLanguage } from '../../src/app/base/i18n/messages.ts';
import { settleReport } from '../../src/app/sync/apply.ts';
import { testEngines } from '../helpers/databases.ts';
import { caseMutation, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * A refused mutation carries its stable code and parameters to the phone, which keeps them on the
 * report and says the refusal in the observer's language; a retry is answered with the same code,
 * read back from the stored English reason.
 */
describe.each(testEngines())('refusals as codes on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    await Promise.all([loadLanguage('en'), loadLanguage('ru')]);
  });
  afterAll(async () => {
    await server.close();
  });

  const push = async (deviceId: string, mutations: readonly object[]) => {
    const response = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId, mutations });
    expect(response.statusCode).toBe(200);
    // As the app reads it: its own schema of the push's answer.
    return v.parse(PushAnswer, response.json());
  };

  it('sends the code and parameters beside the English reason, and the phone shows them in Russian', async () => {
    const device = uuidv7();
    const caseId = uuidv7();
    const unpublished = reportMutation(2, server.projectA, caseId);
    const batch = [caseMutation(1, server.projectA, caseId), { ...unpublished, payload: { ...unpublished.payload, formVersion: 99 } }, reportMutation(3, server.projectA, uuidv7())];
    const answer = await push(device, batch);
    expect(answer.results[1]).toEqual({ seq: 2, status: 'refused', code: 'form_not_published', params: { form: 'hearing@99' }, reason: 'The form hearing@99 was never published on this server.' });
    expect(answer.results[2]).toEqual({ seq: 3, status: 'refused', code: 'report_case_unknown', params: {}, reason: SYNC_REFUSALS.report_case_unknown.en });

    const onPhone = settleReport({ id: unpublished.id, sync: 'waiting' } as LocalReport, answer.results[1]);
    expect(onPhone.syncRefusal).toEqual({ code: 'form_not_published', params: { form: 'hearing@99' } });
    expect(refusalReasonText('ru', onPhone)).toBe('Анкета hearing@99 никогда не публиковалась на этом сервере.');
    expect(refusalReasonText('en', onPhone)).toBe('The checklist hearing@99 was never published on this server.');

    // A retry (the answer was lost) gives the same code, though the server stored only the sentence.
    const again = await push(device, batch);
    expect(again.results).toEqual(answer.results);
  });
});
