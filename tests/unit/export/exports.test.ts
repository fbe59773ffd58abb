import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../../src/core/export/csv.ts';
import { toCsvArchive } from '../../../src/core/export/csv-archive.ts';
import { ArchiveError, readArchive, writeArchive, type Archive } from '../../../src/core/export/json-archive.ts';
import { reportTables, type ExportReport } from '../../../src/core/export/report-tables.ts';
import type { Table } from '../../../src/core/export/table.ts';
import { toXlsx } from '../../../src/core/export/xlsx.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import type { Form } from '../../../src/core/forms/types.ts';

const definition: unknown = JSON.parse(readFileSync('forms/hearing@1.json', 'utf8'));
const loaded = loadForm(definition);
if (!loaded.ok) throw new Error('hearing form must load');
const hearing: Form = loaded.form;
const forms = new Map([[`${hearing.id}@${hearing.version}`, hearing]]);

const report = (answers: ExportReport['answers'], extra: Partial<ExportReport> = {}): ExportReport => ({
  id: '01900000-0000-7000-8000-000000000001',
  caseCode: 'KG-2026-014',
  court: 'Bishkek city court',
  observerCode: 'obs1',
  observerName: 'Aigul Observer',
  hearingDate: '2026-11-20',
  formId: 'hearing',
  formVersion: 1,
  version: 1,
  receivedAt: '2026-11-21T10:00:00.000Z',
  reviewStatus: 'received',
  answers,
  ...extra,
});

const DANGEROUS = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

describe('CSV', () => {
  const table: Table = {
    name: 't',
    columns: ['a', 'b'],
    rows: [
      [{ kind: 'text', value: 'He said "no", then left\nthe room' }, { kind: 'number', value: -5 }],
      ...DANGEROUS.map((value) => [{ kind: 'text' as const, value }, { kind: 'empty' as const }]),
    ],
  };

  it('reads back what it wrote, quotes and newlines included', () => {
    const rows = parseCsv(toCsv(table));
    expect(rows[0]).toEqual(['a', 'b']);
    expect(rows[1]).toEqual(['He said "no", then left\nthe room', '-5']);
  });

  it('neutralises every cell that a spreadsheet would run as a formula, but not numbers', () => {
    const rows = parseCsv(toCsv(table)).slice(2);
    expect(rows.map((r) => r[0])).toEqual(DANGEROUS.map((d) => `'${d}`));
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r[0] ?? ''))).toBe(true);
  });

  it('starts with a UTF-8 byte-order mark so Excel reads Cyrillic', () => {
    expect(toCsv({ name: 't', columns: ['дело'], rows: [] }).charCodeAt(0)).toBe(0xfeff);
  });
});

describe('XLSX', () => {
  it('writes text as inline strings (never formulas), escaped, with numbers as numbers', () => {
    const files = unzipSync(toXlsx([{ name: 'Reports', columns: ['text', 'n'], rows: [[{ kind: 'text', value: '=1+1 <b>&</b>' }, { kind: 'number', value: 7 }]] }]));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">=1+1 &lt;b&gt;&amp;&lt;/b&gt;</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>7</v></c>');
    expect(strFromU8(files['xl/workbook.xml'] ?? new Uint8Array())).toContain('<sheet name="Reports" sheetId="1" r:id="rId1"/>');
  });
});

describe('report tables', () => {
  const answers = {
    hearing_date: '2026-11-20',
    monitors_admitted: 'no',
    monitors_admitted_details: 'Bailiffs closed the door.',
    summary_text: '=cmd|calc',
    witness_rows: [
      { _row: 'r1', witness_code: 'W-1' },
      { _row: 'r2', witness_code: 'W-2' },
    ],
  };

  it('makes one row per report, one column per question, repeats joined by report id, and a codebook', () => {
    const tables = reportTables(forms, [report(answers)], { language: 'en', codesOnly: false, includeInterviews: false });
    const main = tables.find((t) => t.name === 'hearing-v1');
    expect(main?.columns.slice(0, 9)).toEqual(['report_id', 'case_code', 'court', 'hearing_date', 'observer', 'form', 'version', 'received_at', 'review_status']);
    const row = parseCsv(toCsv(main ?? { name: '', columns: [], rows: [] }))[1] ?? [];
    const cell = (column: string): string | undefined => row[main?.columns.indexOf(column) ?? -1];
    expect(cell('observer')).toBe('Aigul Observer');
    expect(cell('monitors_admitted')).toBe('No');
    expect(cell('monitors_admitted_details')).toBe('Bailiffs closed the door.');
    expect(cell('summary_text')).toBe("'=cmd|calc");
    const witnesses = tables.find((t) => t.name === 'hearing-v1-witness_rows');
    expect(witnesses?.rows.map((r) => r.slice(0, 3).map((c) => (c.kind === 'empty' ? '' : c.value)))).toEqual([
      ['01900000-0000-7000-8000-000000000001', 'r1', 1],
      ['01900000-0000-7000-8000-000000000001', 'r2', 2],
    ]);
    const codebook = tables.find((t) => t.name === 'codebook');
    expect(codebook?.rows.some((r) => r[1]?.kind === 'text' && r[1].value === 'monitors_admitted')).toBe(true);
  });

  it('leaves a hidden answer blank, names observers by code when redacting, and writes labels in Russian', () => {
    const hiddenDetails = { ...answers, monitors_admitted: 'yes' };
    const [main] = reportTables(forms, [report(hiddenDetails)], { language: 'ru', codesOnly: true, includeInterviews: false });
    const column = (id: string): number => main?.columns.indexOf(id) ?? -1;
    expect(main?.rows[0]?.[column('monitors_admitted_details')]).toEqual({ kind: 'empty' });
    expect(main?.rows[0]?.[column('monitors_admitted')]).toEqual({ kind: 'text', value: 'Да' });
    expect(main?.rows[0]?.[column('observer')]).toEqual({ kind: 'text', value: 'obs1' });
    const everything = JSON.stringify(reportTables(forms, [report(answers)], { language: 'en', codesOnly: true, includeInterviews: false }));
    expect(everything).not.toContain('Aigul');
  });

  it('puts every table in a ZIP of CSV files', () => {
    const files = unzipSync(toCsvArchive(reportTables(forms, [report(answers)], { language: 'en', codesOnly: false, includeInterviews: false })));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['hearing-v1.csv', 'hearing-v1-witness_rows.csv', 'codebook.csv']));
  });
});

describe('JSON archive', () => {
  const archive: Archive = {
    format: 'trial-monitor-archive',
    version: 1,
    exportedAt: '2026-11-28T10:00:00.000Z',
    forms: [{ id: 'hearing', version: 1, definition }],
    cases: [{ id: '01900000-0000-7000-8000-0000000000aa', projectId: 'p', code: 'KG-1', court: 'Osh' }],
    reports: [
      {
        id: '01900000-0000-7000-8000-000000000001',
        caseId: '01900000-0000-7000-8000-0000000000aa',
        formId: 'hearing',
        formVersion: 1,
        hearingDate: '2026-11-20',
        observerCode: 'obs1',
        version: 2,
        receivedAt: '2026-11-21T10:00:00.000Z',
        reviewStatus: 'approved',
        answers: { summary_text: 'Слова наблюдателя', witness_rows: [{ _row: 'r1', witness_code: 'W-1' }] },
      },
    ],
  };

  it('reads back exactly what it wrote, attachments included', () => {
    const photo = new Uint8Array([1, 2, 3]);
    const hash = 'a'.repeat(64);
    const { archive: read, attachments } = readArchive(writeArchive(archive, new Map([[hash, photo]])));
    expect(read).toEqual(archive);
    expect(attachments.get(hash)).toEqual(photo);
  });

  it('says why a file cannot be used', () => {
    expect(() => readArchive(new Uint8Array([1, 2, 3]))).toThrow(ArchiveError);
    const wrong = writeArchive({ ...archive, reports: [{ ...archive.reports[0], hearingDate: 'yesterday' } as Archive['reports'][number]] });
    expect(() => readArchive(wrong)).toThrow(/reports\.0\.hearingDate/);
  });
});
