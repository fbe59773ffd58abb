import type { CaseBundle } from '../../core/export/case-bundle.ts';
import { toExportInput } from '../../core/export/case-bundle.ts';
import { buildCaseDocument } from '../../core/export/case-document.ts';
import { caseDocx } from '../../core/export/case-docx.ts';
import { toCsvArchive } from '../../core/export/csv-archive.ts';
import { writeArchive } from '../../core/export/json-archive.ts';
import { reportTables, type ExportOptions } from '../../core/export/report-tables.ts';
import { toXlsx } from '../../core/export/xlsx.ts';
import type { Right } from '../../core/forms/standards.ts';

export const EXPORT_FORMATS = ['docx', 'csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension each format is saved with (CSV comes as a ZIP of one file per table). */
export const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { docx: 'docx', csv: 'csv.zip', xlsx: 'xlsx', json: 'archive.zip' };

/** Writes one case in one format: the same code the browser runs, so both give the same files. */
export async function writeCaseExport(bundle: CaseBundle, format: ExportFormat, options: ExportOptions, rights: readonly Right[], now: Date): Promise<Uint8Array> {
  const input = toExportInput(bundle);
  switch (format) {
    case 'docx':
      return caseDocx(buildCaseDocument({ caseCode: bundle.case.code, court: bundle.case.court, ...input, rights, generatedAt: now.toISOString() }, options));
    case 'csv':
      return toCsvArchive(reportTables(input.forms, input.reports, options));
    case 'xlsx':
      return toXlsx(reportTables(input.forms, input.reports, options));
    case 'json': {
      const reports = input.reports.filter((r) => options.includeInterviews || input.forms.get(`${r.formId}@${r.formVersion}`)?.level !== 'interview');
      return writeArchive({
        format: 'trial-monitor-archive',
        version: 1,
        exportedAt: now.toISOString(),
        forms: bundle.forms.map((f) => ({ id: f.id, version: f.version, definition: f.definition })),
        cases: [{ id: bundle.case.id, projectId: bundle.case.projectId, code: bundle.case.code, court: bundle.case.court }],
        reports: reports.map((r) => ({
          id: r.id,
          caseId: bundle.case.id,
          formId: r.formId,
          formVersion: r.formVersion,
          hearingDate: r.hearingDate,
          observerCode: r.observerCode,
          version: r.version,
          receivedAt: r.receivedAt,
          reviewStatus: r.reviewStatus,
          answers: r.answers,
        })),
      });
    }
  }
}
