import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../../src/core/export/case-bundle.ts';
import { EXPORT_FORMATS } from '../../../src/core/export/export-formats.ts';
import { exportFileNameOf } from '../../../src/core/export/redact-bundle.ts';
import { writeCaseExport } from '../../../src/core/export/write-case-export.ts';
import { readStandards } from '../../../src/core/forms/standards.ts';

const definition: unknown = JSON.parse(readFileSync('forms/hearing@1.json', 'utf8'));
const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')) as unknown);
const now = new Date('2026-12-01T12:00:00.000Z');

const answers = {
  hearing_date: '2026-11-20',
  defendant_codes: 'Иванов С. П.',
  summary_text: 'Подсудимому Иванову не дали слова. Судья спросила, знает ли он потерпевшую Марию Петрову. Later IVANOV said Mrs Petrova was absent.',
  not_seen_heard: 'Не видел, что делал Ли Мин; адвокат Ивановым не интересовался.',
  witness_rows: [
    { _row: 'r1', witness_code: 'W1', witness_notes: 'Ли Мин показал, что Петровой не было в зале; Aigul Sadykova сидела рядом.' },
    { _row: 'r2', witness_code: 'W2', witness_notes: 'Свидетель видел Ивановых у здания суда.' },
  ],
  allegation_rows: [{ _row: 'a1', allegation_person: 'Ivanov', allegation_words: 'Иванов сказал, что его били.' }],
};

const bundle: CaseBundle = {
  case: { id: '01900000-0000-7000-8000-0000000000c1', code: 'IVANOV-2026', court: 'Bishkek city court', projectId: 'p', project: 'Monitors' },
  reports: [
    {
      id: '01900000-0000-7000-8000-000000000001',
      formId: 'hearing',
      formVersion: 1,
      hearingDate: '2026-11-20',
      version: 1,
      receivedAt: '2026-11-21T10:00:00.000Z',
      reviewStatus: 'approved',
      observerCode: 'O1',
      observerName: 'Aigul Sadykova',
      concernCount: 0,
      answers,
    },
  ],
  forms: [{ id: 'hearing', version: 1, definition }],
  decisions: [],
  assessments: [{ rightId: 'public-hearing', text: 'Иванова лишили права; Петрова не допрошена.', grade: null }],
  recommendations: 'Обеспечить Иванову доступ к адвокату.',
  register: [
    { code: 'D1', role: 'defendant', name: 'Иванов Сергей Петрович' },
    { code: 'V1', role: 'victim', name: 'Мария Петрова' },
    { code: 'W3', role: 'witness', name: 'Ли Мин' },
  ],
};

// Every spelling of every registered name, and the observer's name, lower-cased: none may be in a file.
const NAMES = ['иванов', 'ivanov', 'петров', 'petrova', 'мари', 'ли мин', 'aigul', 'sadykova'];

/** Every file of an export as text (DOCX, XLSX and the ZIPs unpacked; word/document.xml among them). */
async function exportedText(format: (typeof EXPORT_FORMATS)[number]): Promise<Record<string, string>> {
  const bytes = await writeCaseExport(bundle, format, { language: 'ru', codesOnly: true, includeInterviews: false, includeUnapproved: true }, rights, now);
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, content]) => [name, strFromU8(content)]));
}

describe('a codes-only export of a case whose free text names registered people', () => {
  it.each(EXPORT_FORMATS)('%s contains none of the names, in any inflection or script', async (format) => {
    const files = await exportedText(format);
    expect(Object.keys(files).length).toBeGreaterThan(0);
    if (format === 'docx') expect(Object.keys(files)).toContain('word/document.xml');
    for (const [name, text] of Object.entries(files)) {
      for (const forbidden of NAMES) expect(`${name}\n${text}`.toLowerCase(), `${format} ${name} contains "${forbidden}"`).not.toContain(forbidden);
    }
    // The codes stand where the names were, and ordinary words are untouched.
    const all = Object.values(files).join('\n');
    expect(all).toContain('D1');
    expect(all).toContain('V1');
    expect(all).toContain('W3');
    expect(all).toContain('знает ли он');
  });

  it('names the files by the redacted case code', () => {
    for (const format of EXPORT_FORMATS) expect(exportFileNameOf(bundle, format, true).toLowerCase()).not.toContain('ivanov');
    expect(exportFileNameOf(bundle, 'docx', true)).toBe('D1-2026.docx');
    expect(exportFileNameOf(bundle, 'docx', false)).toBe('IVANOV-2026.docx');
  });

  it('replaces the words, not the structure: choice answers and row ids are kept', async () => {
    const archive = JSON.parse((await exportedText('json'))['archive.json'] ?? '{}') as { reports: { answers: Record<string, unknown>; observerCode: string }[] };
    const saved = archive.reports[0]?.answers;
    expect(saved?.['summary_text']).toBe('Подсудимому D1 не дали слова. Судья спросила, знает ли он потерпевшую V1. Later D1 said Mrs V1 was absent.');
    expect(saved?.['witness_rows']).toEqual([
      { _row: 'r1', witness_code: 'W1', witness_notes: 'W3 показал, что V1 не было в зале; O1 сидела рядом.' },
      { _row: 'r2', witness_code: 'W2', witness_notes: 'Свидетель видел D1 у здания суда.' },
    ]);
    expect(archive.reports[0]?.observerCode).toBe('O1');
  });

  it('without codes only, the names stay (the coordinator asked for the full record)', async () => {
    const bytes = await writeCaseExport(bundle, 'json', { language: 'ru', codesOnly: false, includeInterviews: false }, rights, now);
    expect(strFromU8(unzipSync(bytes)['archive.json'] ?? new Uint8Array())).toContain('Подсудимому Иванову');
  });
});
