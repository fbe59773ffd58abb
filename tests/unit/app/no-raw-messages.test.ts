import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src/app/base/api/client.ts';
import { BackupError } from '../../../src/app/backup/import-backup.ts';
import { apiErrorsEn } from '../../../src/app/base/i18n/api-errors.en.ts';
import { apiErrorsRu } from '../../../src/app/base/i18n/api-errors.ru.ts';
import { en } from '../../../src/app/base/i18n/en.ts';
import { errorText } from '../../../src/app/base/i18n/error-text.ts';
import { LANGUAGES, loadLanguage, translator, type Language } from '../../../src/app/base/i18n/messages.ts';
import { ru } from '../../../src/app/base/i18n/ru.ts';

/**
 * Issue 15: no screen shows an exception's message or name. An exception's `message` is English for logs;
 * a screen says a failure through errorText (src/app/base/i18n/error-text.ts) or a catalogue key. This scans
 * src/app for the ways a raw message reaches a screen; each place that legitimately reads a `.message`
 * is listed with why. A new one fails here: translate it, or add it with its reason.
 */
const RAW = /\.message\b|String\((?:error|failure|err|e|reason|cause)\)|\$\{(?:error|failure|err|e|reason|cause)\}/;

const ALLOWED: readonly { readonly file: string; readonly line: string; readonly why: string }[] = [
  { file: 'base/api/call.ts', line: 'throw unexpected(response.status', why: "the diagnostic of an unexpected answer, for the console; the screen says apiUnexpected" },
  { file: 'base/api/call.ts', line: 'const message = error?.message', why: "the server's English, kept on ApiFailure for logs; errorText translates by code" },
  { file: 'base/api/call.ts', line: 'error?: { message?: unknown }', why: 'recognises an error body' },
  { file: 'db/encryption.ts', line: 'new Error(String(error))', why: 'wraps a non-Error rejection so Dexie gets an Error; never shown' },
  { file: 'form/item-input.tsx', line: 'issue.message !== undefined ? localize(issue.message, language)', why: "the form author's own message, given per language in the form" },
  { file: 'form/item-slot.tsx', line: 'a.message === b.message', why: 'compares two issues; shows nothing' },
  { file: 'base/i18n/error-text.ts', line: "failure.message === 'code_too_long'", why: "CaseInputError's message is its code" },
  { file: 'screens/sync-bar.tsx', line: '${failure}', why: "`failure` there is already errorText's words" },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('no screen shows a raw message or an exception name', () => {
  beforeAll(async () => {
    await Promise.all((Object.keys(LANGUAGES) as Language[]).map((language) => loadLanguage(language)));
  });

  it('reads an exception’s message in src/app only where the allow-list says why', () => {
    const found: string[] = [];
    const used = new Set<(typeof ALLOWED)[number]>();
    for (const path of sources('src/app')) {
      const file = relative('src/app', path).replaceAll('\\', '/');
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, index) => {
          if (!RAW.test(text) || /^\s*(\/\/|\*)/.test(text)) return;
          const allowed = ALLOWED.find((entry) => entry.file === file && text.includes(entry.line));
          if (allowed === undefined) found.push(`src/app/${file}:${index + 1}: ${text.trim()}`);
          else used.add(allowed);
        });
    }
    expect(found).toEqual([]);
    // An entry whose line is gone is dropped from the list, so the list stays the truth.
    expect(ALLOWED.filter((entry) => !used.has(entry)).map((entry) => `${entry.file}: ${entry.line}`)).toEqual([]);
  });

  it.each(Object.keys(LANGUAGES) as Language[])('says any exception in %s in general words, never by its name or message', (language) => {
    const i18n = { t: translator(language), language };
    for (const failure of [new TypeError('x is undefined'), new RangeError('Invalid time value'), new Error('ReportError: not_draft'), new DOMException('quota', 'QuotaExceededError'), 'a thrown string', undefined]) {
      expect(errorText(i18n, failure)).toBe(translator(language)('apiFailed'));
    }
    expect(errorText(i18n, new BackupError('invalid'))).toBe(translator(language)('apiFailed'));
    expect(errorText(i18n, new ApiFailure('refused', 409, 'a_newer_code', 'English words of a newer server'))).not.toContain('English words');
  });

  it('has no exception name in any catalogue text', () => {
    const texts = [en, ru, apiErrorsEn, apiErrorsRu].flatMap(function all(value: unknown): string[] {
      if (typeof value === 'string') return [value];
      return typeof value === 'object' && value !== null ? Object.values(value).flatMap(all) : [];
    });
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.filter((text) => /\b[A-Z]\w*(Error|Exception)\b|\bundefined\b|\[object /.test(text))).toEqual([]);
  });
});
