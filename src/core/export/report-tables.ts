import { isRepeatRows, type Answers } from '../forms/answers.ts';
import { regionalOfAll, type RegionalLookup } from '../forms/regions.ts';
import { evaluateForm, rowPath } from '../forms/evaluate.ts';
import { reportFindings } from '../forms/case-findings.ts';
import type { FindingDecision } from '../forms/findings.ts';
import { localize, type FieldItem, type Form, type RepeatItem } from '../forms/types.ts';
import { answerCell } from './answer-text.ts';
import { describeFinding } from './finding-text.ts';
import { EMPTY, num, text, type Cell, type Table } from './table.ts';

/** One report as the exports see it: its answers plus the facts a coordinator files it by. */
export interface ExportReport {
  readonly id: string;
  readonly caseCode: string;
  readonly court: string;
  /** The observer's code in the case (O1, O2); used when names are redacted. */
  readonly observerCode: string;
  readonly observerName: string;
  readonly hearingDate: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly version: number;
  readonly receivedAt: string;
  readonly reviewStatus: string;
  readonly answers: Answers;
}

export interface ExportOptions {
  readonly language: string;
  /** Redaction: observers appear by code, never by name. */
  readonly codesOnly: boolean;
  /** Interview records are restricted (consent): left out unless asked for. */
  readonly includeInterviews: boolean;
  /** The monitoring report (DOCX, print) has only approved reports unless asked; the data exports have all. */
  readonly includeUnapproved?: boolean;
}

const REPORT_COLUMNS = ['report_id', 'case_code', 'court', 'hearing_date', 'observer', 'form', 'version', 'received_at', 'review_status', 'concerns'];
const FINDING_COLUMNS = ['report_id', 'hearing_date', 'observer', 'path', 'row_id', 'question', 'about', 'answer', 'rights', 'severity', 'decision', 'counted'];

function fieldItems(form: Form): FieldItem[] {
  return form.sections.flatMap((s) => s.items.filter((i): i is FieldItem => i.type !== 'repeat' && i.type !== 'note'));
}

function repeats(form: Form): RepeatItem[] {
  return form.sections.flatMap((s) => s.items.filter((i): i is RepeatItem => i.type === 'repeat'));
}

function formKey(form: Form): string {
  return `${form.id}-v${form.version}`;
}

/**
 * The data export's tables: per form version, one table with a row per report and a column per question,
 * one table per repeat (witnesses, evidence...) with a row per repeat row joined by report_id, and a
 * codebook that names every column in words. Hidden answers (their condition is false) are left blank,
 * exactly as the report shows them.
 */
export function reportTables(
  forms: ReadonlyMap<string, Form>,
  reports: readonly ExportReport[],
  options: ExportOptions,
  decisions: ReadonlyMap<string, FindingDecision> = new Map(),
  // A project under a regional system (a Council of Europe state) gets a regional_rights column beside rights; others do not.
  regional?: RegionalLookup,
): Table[] {
  const byForm = new Map<string, { form: Form; reports: ExportReport[] }>();
  for (const report of reports) {
    const form = forms.get(`${report.formId}@${report.formVersion}`);
    if (form === undefined) throw new Error(`form ${report.formId}@${report.formVersion} of report ${report.id} is missing from the export`);
    if (form.level === 'interview' && !options.includeInterviews) continue;
    const group = byForm.get(formKey(form)) ?? { form, reports: [] };
    group.reports.push(report);
    byForm.set(formKey(form), group);
  }

  const tables: Table[] = [];
  const codebook: Cell[][] = [];
  const findingRows: Cell[][] = [];
  for (const { form, reports: group } of [...byForm.values()].sort((a, b) => formKey(a.form).localeCompare(formKey(b.form)))) {
    const items = fieldItems(form);
    const states = group.map((r) => evaluateForm(form, r.answers));
    // The one count (tallyFindings), as on the case page and in the monitoring report.
    const found = group.map((r) => reportFindings(form, { reportId: r.id, form: `${r.formId}@${r.formVersion}`, answers: r.answers }, decisions));
    group.forEach((report, index) => {
      for (const finding of found[index]?.findings ?? []) {
        const words = describeFinding(form, report.answers, finding, options.language);
        findingRows.push([
          text(report.id),
          text(report.hearingDate),
          text(observerOf(report, options)),
          text(finding.path),
          text(finding.rowId ?? ''),
          text(words.question),
          text(words.about ?? ''),
          text(words.answer),
          text(finding.rights.join('; ')),
          ...(regional === undefined ? [] : [text(regionalOfAll(regional, finding.rights).map((r) => r.id).join('; '))]),
          text(finding.severity),
          text(finding.decision ?? ''),
          num(finding.decision === 'dismissed' ? 0 : 1),
        ]);
      }
    });
    tables.push({
      name: formKey(form),
      columns: [...REPORT_COLUMNS, ...items.map((i) => i.id)],
      rows: group.map((report, index) => [
        ...reportCells(report, options),
        num(found[index]?.total ?? 0),
        ...items.map((item) => (states[index]?.hidden.has(item.id) === true ? EMPTY : answerCell(item, report.answers[item.id], options.language))),
      ]),
    });
    for (const repeat of repeats(form)) {
      const rows: Cell[][] = [];
      group.forEach((report, index) => {
        const hidden = states[index]?.hidden ?? new Set<string>();
        if (hidden.has(repeat.id)) return;
        const value = report.answers[repeat.id];
        (isRepeatRows(value) ? value : []).forEach((row, position) => {
          rows.push([
            text(report.id),
            text(row._row),
            num(position + 1),
            ...repeat.items.filter((i) => i.type !== 'note').map((item) => (hidden.has(rowPath(repeat.id, row._row, item.id)) ? EMPTY : answerCell(item, row[item.id], options.language))),
          ]);
        });
      });
      tables.push({ name: `${formKey(form)}-${repeat.id}`, columns: ['report_id', 'row_id', 'row_number', ...repeat.items.filter((i) => i.type !== 'note').map((i) => i.id)], rows });
    }
    for (const section of form.sections) {
      for (const item of section.items) {
        const inner = item.type === 'repeat' ? item.items.filter((i) => i.type !== 'note').map((i) => ({ table: `${formKey(form)}-${item.id}`, item: i })) : [];
        const own = item.type === 'repeat' || item.type === 'note' ? [] : [{ table: formKey(form), item }];
        for (const entry of [...own, ...inner]) {
          codebook.push([text(entry.table), text(entry.item.id), text(localize(section.title, options.language)), text(localize(entry.item.label, options.language)), text(entry.item.type), text(entry.item.concern?.rights.join('; ') ?? '')]);
        }
      }
    }
  }
  const findingColumns = regional === undefined ? FINDING_COLUMNS : [...FINDING_COLUMNS.slice(0, FINDING_COLUMNS.indexOf('rights') + 1), 'regional_rights', ...FINDING_COLUMNS.slice(FINDING_COLUMNS.indexOf('rights') + 1)];
  tables.push({ name: 'findings', columns: findingColumns, rows: findingRows });
  tables.push({ name: 'codebook', columns: ['table', 'column', 'section', 'question', 'type', 'rights'], rows: codebook });
  return tables;
}

function reportCells(report: ExportReport, options: ExportOptions): Cell[] {
  return [
    text(report.id),
    text(report.caseCode),
    text(report.court),
    text(report.hearingDate),
    text(observerOf(report, options)),
    text(`${report.formId}@${report.formVersion}`),
    num(report.version),
    text(report.receivedAt),
    text(report.reviewStatus),
  ];
}

function observerOf(report: ExportReport, options: ExportOptions): string {
  return options.codesOnly ? report.observerCode : report.observerName;
}
