import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildCaseDocument, type CaseDocumentInput } from '../../../src/core/export/case-document.ts';
import { caseDocx } from '../../../src/core/export/case-docx.ts';
import { hasRussianInstrument } from '../../../src/core/export/citation.ts';
import { columnWidths, TEXT_WIDTH } from '../../../src/core/export/docx-table.ts';
import { exportLabels } from '../../../src/core/export/labels.ts';
import type { ExportOptions, ExportReport } from '../../../src/core/export/report-tables.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import { readStandards } from '../../../src/core/forms/standards.ts';
import { formKey, type Form } from '../../../src/core/forms/types.ts';
import { CASE_FILE_ANSWERS, COUNT_CASE_FILE, COUNT_HEARING, FIRST_OBSERVER_ANSWERS, SECOND_OBSERVER_ANSWERS } from '../../helpers/count-fixture.ts';

function mustLoad(json: unknown): Form {
  const loaded = loadForm(json);
  if (!loaded.ok) throw new Error('fixture form must load');
  return loaded.form;
}
const hearing = mustLoad(COUNT_HEARING);
const caseFile = mustLoad(COUNT_CASE_FILE);
const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));

const report = (id: string, form: Form, hearingDate: string, observerCode: string, reviewStatus: string, answers: ExportReport['answers']): ExportReport => ({
  id,
  caseCode: 'KG-COUNT',
  court: 'Leninsky district court',
  observerCode,
  observerName: `Secret ${observerCode}`,
  hearingDate,
  formId: form.id,
  formVersion: form.version,
  version: 1,
  receivedAt: `${hearingDate}T18:00:00.000Z`,
  reviewStatus,
  answers,
});

const input: CaseDocumentInput = {
  caseCode: 'KG-COUNT',
  court: 'Leninsky district court',
  project: 'Fair Trials Kyrgyzstan',
  reports: [
    report('file', caseFile, '2026-11-02', 'O1', 'approved', CASE_FILE_ANSWERS),
    report('first', hearing, '2026-11-20', 'O1', 'approved', FIRST_OBSERVER_ANSWERS),
    report('second', hearing, '2026-11-20', 'O2', 'received', SECOND_OBSERVER_ANSWERS),
  ],
  forms: new Map([
    [formKey(hearing), hearing],
    [formKey(caseFile), caseFile],
  ]),
  rights,
  decisions: new Map([
    ['first:witness_rows.w2.present_before', 'dismissed'],
    ['first:access', 'confirmed'],
  ]),
  assessments: new Map([['iccpr-14-1', { text: 'Monitors were kept out without a legal ground.', grade: 'serious' }]]),
  recommendations: 'Admit monitors to every hearing.\n\nSeparate witnesses before they testify.',
  generatedAt: '2026-11-28T10:00:00.000Z',
};
const english: ExportOptions = { language: 'en', codesOnly: true, includeInterviews: false };

async function docxParts(options: ExportOptions): Promise<{ xml: string; header: string; footer: string; rows: string[][]; text: string }> {
  const files = unzipSync(await caseDocx(buildCaseDocument(input, options)));
  const part = (prefix: string) =>
    Object.entries(files)
      .filter(([name]) => name.startsWith(prefix))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
  const xml = part('word/document.xml');
  const decode = (t: string) => t.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const texts = (fragment: string) => [...fragment.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join('');
  const rows = [...xml.matchAll(/<w:tr\b.*?<\/w:tr>/gs)].map(([row]) => [...row.matchAll(/<w:tc\b.*?<\/w:tc>/gs)].map(([cell]) => texts(cell)));
  const paragraphs = [...xml.matchAll(/<w:p\b.*?<\/w:p>/gs)].map(([p]) => texts(p));
  return { xml, header: part('word/header'), footer: part('word/footer'), rows, text: paragraphs.join('\n') };
}

describe('the monitoring report, read back from word/document.xml', () => {
  it('runs title page, contents, summary, background, hearings, findings, recommendations, annex, with header and page numbers', async () => {
    const { xml, header, footer, text } = await docxParts(english);
    const order = ['Trial monitoring report', 'Fair Trials Kyrgyzstan', 'Leninsky district court', '2026-11-20', 'Contents', 'Summary', 'Method', 'What could not be observed', 'The closing minutes, from the corridor.', 'Background of the case', 'Art. 278 (mass riots)', 'Hearings', 'Findings by right', 'Recommendations', 'Admit monitors to every hearing.', 'Separate witnesses before they testify.', 'Annex: all answers'];
    // Each part found after the one before it (the contents list the headings once more, in between).
    let from = 0;
    const missing = order.filter((words) => {
      const at = text.indexOf(words, from);
      if (at === -1) return true;
      from = at + words.length;
      return false;
    });
    expect(missing).toEqual([]);
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(header).toContain('KG-COUNT');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    // The title page has no header: the first page's header is empty.
    expect(xml).toContain('<w:titlePg/>');
  });

  it('attributes every finding to its hearing, observer and row, marks confirmed ones and leaves the dismissed one out', async () => {
    const { rows } = await docxParts(english);
    const findingRows = rows.filter((cells) => cells.length === 3 && /^2026-11-\d\d · O\d/.test(cells[0] ?? ''));
    const aboutOf = (question: string) => findingRows.filter((cells) => cells[1]?.includes(question)).map((cells) => [cells[0], /About: ([^S]*)Severity/.exec(cells[1] ?? '')?.[1] ?? '']);
    // Listed under both rights the witness finding engages (14(3)(e) and 14(1)); W2 was dismissed.
    expect(aboutOf('Witnesses heard · Present before testifying?')).toEqual([
      ['2026-11-20 · O1', 'Witnesses heard, row 1: W1, witness'],
      ['2026-11-20 · O1', 'Witnesses heard, row 1: W1, witness'],
    ]);
    expect(aboutOf('Evidence items · Shown in court?')).toEqual([['2026-11-20 · O1', 'Evidence items, row 1: E1, video']]);
    // Answers as option labels, never stored values; the observer's words beside them.
    const evidence = findingRows.find((cells) => cells[1]?.includes('Shown in court?'));
    expect(evidence?.[1]).toContain('Shown in court? — No');
    expect(evidence?.[2]).toContain('“The prosecutor cited the video; it was never played.”');
    const restraint = findingRows.find((cells) => cells[1]?.includes('Restraint'));
    expect(restraint?.[1]).toContain('Metal cage');
    expect(findingRows.filter((cells) => cells[1]?.includes('Were monitors admitted?') && cells[1].includes('confirmed'))).toHaveLength(2);
    // Only approved reports by default: the second observer's report is not approved.
    expect(findingRows.filter((cells) => cells[0]?.includes('O2'))).toEqual([]);
  });

  it('includes reports not approved when asked, each marked', async () => {
    const { rows, text } = await docxParts({ ...english, includeUnapproved: true });
    expect(rows.filter((cells) => cells[0] === '2026-11-20 · O2 (not approved)').length).toBeGreaterThan(0);
    expect(text).toContain('they are marked "not approved"');
  });

  it('carries the coordinator assessment and grade, and names observers by code only', async () => {
    const { text } = await docxParts(english);
    expect(text).toContain("Coordinator's assessment: Monitors were kept out without a legal ground.");
    expect(text).toContain('Grade: serious');
    expect(text).not.toContain('Secret');
  });

  it('leaves no English label in a Russian report: catalogue words, rights, options, review states', async () => {
    const { text, header } = await docxParts({ ...english, language: 'ru', includeUnapproved: true });
    const en = exportLabels('en');
    const ru = exportLabels('ru');
    const leaks = Object.entries(en).filter(([key, words]) => words.length > 2 && words !== ru[key as keyof typeof ru] && (text.includes(words) || header.includes(words)));
    expect(leaks).toEqual([]);
    for (const words of ['ICCPR', 'Convention', 'Metal cage', 'Witnesses heard', 'not approved', 'received']) expect(text).not.toContain(words);
    expect(text).toContain('МПГПП, ст. 14(1)');
    expect(text).toContain('Допрошенные свидетели, строка 1: W1, свидетель');
  });

  it('has a Russian name for every instrument of the rights catalogue', () => {
    expect(rights.map((r) => r.instrument).filter((i) => !hasRussianInstrument(i))).toEqual([]);
  });
});

describe('report tables', () => {
  it('fill the page width and give each column at least its longest header word', () => {
    const header = ['Дата', 'Анкета', 'Наблюдатель', 'Проверка', 'Замечания'];
    const widths = columnWidths(header, [['2026-11-20', 'Наблюдение за судебным заседанием по уголовному делу', 'O1', 'получен, не проверен', '4']]);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(TEXT_WIDTH - header.length);
    // «Наблюдатель» is eleven letters: its column holds them on one line.
    expect(widths[2]).toBeGreaterThanOrEqual(11 * 115);
    expect(widths[1]).toBeGreaterThan(widths[0] ?? 0);
  });
});
