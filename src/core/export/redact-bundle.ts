import { isRepeatRows, type AnswerValue, type FieldValue } from '../forms/answers.ts';
import { loadForm } from '../forms/load-form.ts';
import type { FieldItem, Form } from '../forms/types.ts';
import type { CaseBundle } from './case-bundle.ts';
import { exportFileName, type ExportFormat } from './export-formats.ts';
import { nameMatcher, type NamedPerson, type NameMatcher } from './redact-names.ts';
import { nameProblem } from './redact-register.ts';

/**
 * The codes-only view of a case: the same bundle with every registered name in every free-text answer
 * (text and long text, in repeat rows too, and any answer the form does not know), the coordinator's assessments, recommendations and finding
 * notes, and the case code (it names the export's files) replaced by the person's code, and observers by
 * their code (O1, O2) only. Every writer (DOCX, print, CSV, XLSX, JSON) reads this bundle, so no writer
 * can forget a field. Choice answers are stored option ids, never names, and are left as they are.
 */
export function redactBundle(bundle: CaseBundle): CaseBundle {
  const matcher = bundleMatcher(bundle);
  const storedItems = new Map<string, ReadonlySet<string>>();
  for (const row of bundle.forms) {
    const loaded = loadForm(row.definition);
    // A form that does not load fails the export later (toExportInput) with its own message.
    if (loaded.ok) storedItems.set(`${row.id}@${row.version}`, storedValueItems(loaded.form));
  }
  return {
    ...bundle,
    case: { ...bundle.case, code: matcher.redact(bundle.case.code) },
    reports: bundle.reports.map((report) => {
      const stored = storedItems.get(`${report.formId}@${report.formVersion}`) ?? new Set<string>();
      return {
        ...report,
        observerName: report.observerCode,
        answers: Object.fromEntries(Object.entries(report.answers).map(([id, value]) => [id, redactAnswer(value as AnswerValue, id, stored, matcher)])),
      };
    }),
    decisions: bundle.decisions.map((d) => ({ ...d, note: matcher.redact(d.note) })),
    assessments: bundle.assessments.map((a) => ({ ...a, text: matcher.redact(a.text) })),
    recommendations: matcher.redact(bundle.recommendations),
  };
}

/** The file name of an export, with registered names in the case code replaced when the export is codes-only. */
export function exportFileNameOf(bundle: CaseBundle, format: ExportFormat, codesOnly: boolean): string {
  return exportFileName(codesOnly ? bundleMatcher(bundle).redact(bundle.case.code) : bundle.case.code, format);
}

/** The register's people, and the observers under their codes (a display name typed into an answer is a name too). */
function bundleMatcher(bundle: CaseBundle): NameMatcher {
  const people: NamedPerson[] = (bundle.register ?? []).map((p) => ({ code: p.code, name: p.name }));
  const observers = new Map(bundle.reports.map((r) => [r.observerCode, r.observerName]));
  for (const [code, name] of observers) if (code !== '' && name !== code && nameProblem(name) === undefined) people.push({ code, name });
  return nameMatcher(people);
}

/**
 * The ids of questions whose answers are stored values (option ids, dates, times, numbers, attachment
 * references), top level and inside repeats. Every other string is redacted, so an answer the form does
 * not know (a newer form's question) is treated as free text, never passed through.
 */
function storedValueItems(form: Form): ReadonlySet<string> {
  const ids = new Set<string>();
  const isStored = (item: FieldItem): boolean => item.type !== 'text' && item.type !== 'longtext' && item.type !== 'note';
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.type === 'repeat') {
        for (const inner of item.items) if (isStored(inner)) ids.add(`${item.id}.${inner.id}`);
      } else if (isStored(item)) ids.add(item.id);
    }
  }
  return ids;
}

function redactField(value: FieldValue, path: string, stored: ReadonlySet<string>, matcher: NameMatcher): FieldValue {
  if (stored.has(path) || typeof value === 'number') return value;
  return typeof value === 'string' ? matcher.redact(value) : value.map((v) => (typeof v === 'string' ? matcher.redact(v) : v));
}

function redactAnswer(value: AnswerValue, id: string, stored: ReadonlySet<string>, matcher: NameMatcher): AnswerValue {
  if (!isRepeatRows(value)) return redactField(value, id, stored, matcher);
  return value.map((row) => {
    const out: Record<string, FieldValue> = {};
    for (const [key, cell] of Object.entries(row)) out[key] = key === '_row' ? cell : redactField(cell, `${id}.${key}`, stored, matcher);
    return { ...out, _row: row._row };
  });
}
