import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src/app/base/api/client.ts';
import { CaseInputError } from '../../../src/app/db/cases.ts';
import { ReportError } from '../../../src/app/db/reports.ts';
import { errorText } from '../../../src/app/base/i18n/error-text.ts';
import { LANGUAGES, loadLanguage, translator, type Language } from '../../../src/app/base/i18n/messages.ts';

const inWords = (language: Language, failure: unknown): string => errorText({ t: translator(language), language }, failure);

/** Issue 15: "ReportError: not_draft" reached the screen. No failure is shown by its class name or English message. */
describe('a failure in the reader’s words', () => {
  beforeAll(async () => {
    await Promise.all([loadLanguage('en'), loadLanguage('ru')]);
  });

  const failures: readonly (readonly [string, unknown])[] = [
    ['a report that is no longer a draft', new ReportError('not_draft')],
    ['an empty case code', new CaseInputError('code_required')],
    ['no connection', new ApiFailure('offline', 0, 'offline', 'No connection to the server.')],
    ['a captive portal', new ApiFailure('unexpected', 200, 'unexpected_answer', 'The server answered something unexpected (GET /api/me answered text/html).')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'changes')")],
  ];

  it.each(failures)('says %s in every language, never as the exception', (_what, failure) => {
    for (const language of Object.keys(LANGUAGES) as Language[]) {
      const text = inWords(language, failure);
      expect(text).not.toMatch(/Error|undefined|reading|\bnot_draft\b|code_required|text\/html/);
      expect(text.length).toBeGreaterThan(5);
    }
    expect(inWords('ru', failure)).not.toBe(inWords('en', failure));
  });
});
