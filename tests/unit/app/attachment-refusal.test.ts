import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentRefusalText } from '../../../src/app/attachments/refusal-text.ts';
import { loadLanguage, translator, type Language } from '../../../src/app/base/i18n/messages.ts';

const inWords = (language: Language, file: Parameters<typeof attachmentRefusalText>[1]): string => attachmentRefusalText({ t: translator(language), language }, file);

describe('why the server refused a file, in the reader’s words', () => {
  beforeAll(async () => {
    await Promise.all([loadLanguage('en'), loadLanguage('ru')]);
  });

  it('says a refusal by its code and parameters in each language, not in the server’s English', () => {
    const file = { refusal: { code: 'attachment_too_large', params: { kib: 900, maxKib: 512 } } };
    expect(inWords('en', file)).toBe('This file is 900 KiB; this project accepts files up to 512 KiB. Remove it or send a smaller one.');
    expect(inWords('ru', file)).toContain('900');
    expect(inWords('ru', file)).toContain('512');
    expect(inWords('ru', file)).toMatch(/[а-я]/);
    expect(inWords('ru', file)).not.toBe(inWords('en', file));
  });

  it('says the refused kind in the reader’s words', () => {
    const file = { refusal: { code: 'attachment_kind_forbidden', params: { kind: 'photo' } } };
    expect(inWords('ru', file)).toContain('фото');
    expect(inWords('ru', file)).not.toContain('photo');
    expect(inWords('en', file)).toContain('photo');
  });

  it('prefers the code to an older record’s note, names a code it does not know, and reads an old note as it is', () => {
    expect(inWords('ru', { refusal: { code: 'hash_mismatch', params: {} }, note: 'English words' })).not.toContain('English words');
    expect(inWords('en', { refusal: { code: 'a_newer_code', params: {} } })).toContain('a_newer_code');
    expect(inWords('ru', { note: 'This project does not accept photo attachments.' })).toBe('This project does not accept photo attachments.');
  });
});
