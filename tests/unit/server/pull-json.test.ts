import { describe, expect, it } from 'vitest';
import { pullJson } from '../../../src/server/sync/pull-json.ts';

const form = { id: 'hearing', version: 2, definition: { title: { en: 'Hearing "quoted" $& $1' }, items: [{ id: 'a', type: 'text' }] } };
const page = (changes: unknown[]): Record<string, unknown> => ({ cursor: 7, hasMore: false, changes });

describe('the pull answer as JSON', () => {
  it('says what JSON.stringify says, forms included', () => {
    const value = page([
      { position: 3, entity: 'form', data: form },
      { position: 5, entity: 'report', data: { id: 'r1', answers: { summary_text: 'a $` b' } } },
      { position: 7, entity: 'command', data: { id: 'c1', command: 'wipe' } },
    ]);
    expect(JSON.parse(pullJson(value))).toEqual(value);
    // Asked again (the kept text), the same.
    expect(pullJson(value)).toBe(pullJson(structuredClone(value)));
  });

  it('keeps answers that look like its placeholder as they were sent', () => {
    const value = page([{ position: 1, entity: 'report', data: { id: 'r1', answers: { a: '\u0000pull-json-0', b: '"\u0000pull-json-' } } }]);
    expect(JSON.parse(pullJson(value))).toEqual(value);
  });

  it('writes anything that is not a pull page as plain JSON', () => {
    const error = { error: { code: 'response_off_contract', message: 'no' } };
    expect(pullJson(error)).toBe(JSON.stringify(error));
    expect(pullJson(page([null, 1]))).toBe(JSON.stringify(page([null, 1])));
  });
});
