import { describe, expect, it } from 'vitest';
import { en } from '../../../src/app/base/i18n/en.ts';
import { ru } from '../../../src/app/base/i18n/ru.ts';
import { defaultLanguage, loadLanguage, translator } from '../../../src/app/base/i18n/messages.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the interface languages', () => {
  for (const [code, messages] of Object.entries({ en, ru })) {
    it(`${code}: every message has text and the same placeholders as English`, () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(messages)) {
        if (text.trim() === '') problems.push(`${key}: empty`);
        const expected = placeholders(en[key as keyof typeof en]);
        if (placeholders(text).join() !== expected.join()) problems.push(`${key}: {${placeholders(text).join()}} instead of {${expected.join()}}`);
      }
      expect(problems).toEqual([]);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    });
  }

  it('fills placeholders and picks the first supported language the browser prefers', async () => {
    expect(() => translator('ru')).toThrow(/not loaded/);
    await loadLanguage('ru');
    expect(translator('ru')('storageUse', { used: '1.5', quota: '200' })).toBe('Приложение занимает 1.5 МБ из доступных ему 200 МБ.');
    expect(defaultLanguage(['de-DE', 'ru-RU', 'en'])).toBe('ru');
    expect(defaultLanguage(['fr'])).toBe('en');
  });
});
