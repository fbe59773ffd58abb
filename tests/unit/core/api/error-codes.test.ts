import { describe, expect, it } from 'vitest';
import { ERROR_CODES, formatError, formatRefusal, refusalCode, SYNC_REFUSALS, type ErrorCodeSpec, type SyncRefusal } from '../../../../src/core/api/error-codes.ts';
import { SET_ASIDE_REASON } from '../../../../src/server/sync/push.ts';

describe('the error-code catalogue', () => {
  it('names in every template exactly the parameters the code declares', () => {
    for (const [code, spec] of Object.entries(ERROR_CODES) as [string, ErrorCodeSpec][]) {
      const named = [...spec.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(named, code).toEqual(Object.keys(spec.params).sort());
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(code, code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('fills a template from its parameters, with the English words of an enumerated one', () => {
    expect(formatError('rate_limited', { seconds: 42 })).toBe('Too many attempts. Wait 42 seconds and try again.');
    expect(formatError('not_found', { what: 'case' })).toBe('The case was not found.');
    expect(formatError('forbidden', { what: 'audit_log' })).toBe('You may not access the audit log (coordinators and administrators only).');
    expect(formatError('attachment_too_large', { kib: 2048, maxKib: 1024 })).toBe('This file is 2048 KiB; this project accepts files up to 1024 KiB. Remove it or send a smaller one.');
  });
});

describe('the sync refusal reasons', () => {
  it('recover their code and parameters from the sentence on the wire', () => {
    expect(refusalCode(SYNC_REFUSALS.not_a_member.en)).toEqual({ code: 'not_a_member', params: {} });
    expect(refusalCode(SET_ASIDE_REASON)).toEqual({ code: 'set_aside', params: {} });
    expect(refusalCode('The form hearing@7 was never published on this server.')).toEqual({ code: 'form_not_published', params: { form: 'hearing@7' } });
    expect(refusalCode('The answers do not fit form hearing@1: a.b (required), c (type).')).toEqual({ code: 'answers_do_not_fit', params: { form: 'hearing@1', issues: 'a.b (required), c (type)' } });
    expect(refusalCode('Something a newer server says.')).toBeUndefined();
  });

  it('word every refusal so that its code and parameters read back from the sentence (reasons stored before the codes)', () => {
    for (const [code, spec] of Object.entries(SYNC_REFUSALS)) {
      const params = Object.fromEntries(Object.keys(spec.params).map((name) => [name, `${name}@2 (a.b, c)`]));
      const reason = formatRefusal(code as SyncRefusal, params);
      expect(reason, code).not.toMatch(/\{\w+\}/);
      expect(refusalCode(reason), code).toEqual({ code, params });
    }
  });
});
