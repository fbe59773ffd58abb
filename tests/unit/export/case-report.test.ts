import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildCaseDocument } from '../../../src/core/export/case-document.ts';
import { caseDocx } from '../../../src/core/export/case-docx.ts';
import type { ExportReport } from '../../../src/core/export/report-tables.ts';
import { computeFindings } from '../../../src/core/forms/findings.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import { readStandards } from '../../../src/core/forms/standards.ts';
import type { Form } from '../../../src/core/forms/types.ts';

const loaded = loadForm(JSON.parse(readFileSync('forms/hearing.json', 'utf8')));
if (!loaded.ok) throw new Error('hearing form must load');
const hearing: Form = loaded.form;
const forms = new Map([['hearing@1', hearing]]);
const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')));

const report = (id: string, hearingDate: string, answers: ExportReport['answers']): ExportReport => ({
  id,
  caseCode: 'KG-2026-014',
  court: 'Bishkek city court',
  observerCode: 'O7',
  observerName: 'Nurlan Secretname',
  hearingDate,
  formId: 'hearing',
  formVersion: 1,
  version: 1,
  receivedAt: `${hearingDate}T18:00:00.000Z`,
  reviewStatus: 'approved',
  answers,
});

// A seeded case: two hearings, monitors kept out at the first, a witness present before testifying at the second.
const reports = [
  report('01900000-0000-7000-8000-000000000001', '2026-10-01', {
    hearing_date: '2026-10-01',
    monitors_admitted: 'no',
    monitors_admitted_details: 'The bailiff said <script>alert(1)</script> "closed" & left.',
    summary_text: 'Short hearing.',
  }),
  report('01900000-0000-7000-8000-000000000002', '2026-10-15', {
    hearing_date: '2026-10-15',
    monitors_admitted: 'yes',
    witness_rows: [{ _row: 'r1', witness_code: 'W-1', present_before_testifying: 'yes' }],
  }),
];

const input = { caseCode: 'KG-2026-014', court: 'Bishkek city court', project: 'Default project', reports, forms, rights, generatedAt: '2026-11-28T10:00:00.000Z' };

describe('the case monitoring report', () => {
  it('has the findings the engine computes, right by right', () => {
    const doc = buildCaseDocument(input, { language: 'en', codesOnly: false, includeInterviews: false });
    const engine = new Map<string, number>();
    for (const r of reports) for (const f of computeFindings(hearing, r.answers)) for (const right of f.rights) engine.set(right, (engine.get(right) ?? 0) + 1);
    expect(new Map(doc.rights.map((r) => [r.id, r.total]))).toEqual(engine);
    expect(engine.size).toBeGreaterThan(0);
    expect(doc.hearings.map((h) => h[0])).toEqual(['2026-10-01', '2026-10-15']);
  });

  it('leaves out findings a coordinator dismissed, and carries the assessment per right', () => {
    const first = computeFindings(hearing, reports[0]?.answers ?? {})[0];
    const decisions = new Map([[`01900000-0000-7000-8000-000000000001:${first?.path ?? ''}`, 'dismissed' as const]]);
    const right = first?.rights[0] ?? '';
    const doc = buildCaseDocument({ ...input, decisions, assessments: new Map([[right, { text: 'Public access was denied.', grade: 'serious' }]]) }, { language: 'en', codesOnly: false, includeInterviews: false });
    const before = buildCaseDocument(input, { language: 'en', codesOnly: false, includeInterviews: false });
    const total = (d: typeof doc): number => d.rights.reduce((n, r) => n + r.total, 0);
    // A finding counts once under each right it names.
    expect(total(doc)).toBe(total(before) - (first?.rights.length ?? 0));
    expect(doc.rights.find((r) => r.id === right)?.assessment).toEqual({ text: 'Public access was denied.', grade: 'serious' });
  });

  it('writes a Word document whose XML has the case, the standard, the observer words escaped', async () => {
    const bytes = await caseDocx(buildCaseDocument(input, { language: 'en', codesOnly: false, includeInterviews: false }));
    const xml = strFromU8(unzipSync(bytes)['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('KG-2026-014');
    expect(xml).toContain('ICCPR 14(1)');
    expect(xml).toContain('Nurlan Secretname');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
  });

  it('redacts: with codes only, no observer name appears anywhere in the document', async () => {
    const bytes = await caseDocx(buildCaseDocument(input, { language: 'ru', codesOnly: true, includeInterviews: false }));
    const files = unzipSync(bytes);
    const everything = Object.values(files).map((f) => strFromU8(f)).join('\n');
    expect(everything).not.toContain('Secretname');
    expect(everything).toContain('O7');
    expect(everything).toContain('Отчёт о мониторинге');
  });
});
