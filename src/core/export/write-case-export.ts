import { caseMatrix, toExportInput, type CaseBundle } from './case-bundle.ts';
import { buildCaseDocument } from './case-document.ts';
import { caseDocx } from './case-docx.ts';
import { toCsvArchive } from './csv-archive.ts';
import { writeArchive } from './json-archive.ts';
import { redactBundle } from './redact-bundle.ts';
import { reportTables, type ExportOptions } from './report-tables.ts';
import type { ExportFormat } from './export-formats.ts';
import { toXlsx } from './xlsx.ts';
import { isRegion, regionalLookup } from '../forms/regions.ts';
import type { Right } from '../forms/standards.ts';

/**
 * Writes one case in one format. The browser and the export CLI both call this, so they give the same
 * files. `progress` hears each step, for large exports. With `codesOnly`, registered names and observers'
 * names are replaced by codes before any writer sees the case (redact-bundle.ts).
 */
export async function writeCaseExport(
  original: CaseBundle,
  format: ExportFormat,
  options: ExportOptions,
  rights: readonly Right[],
  now: Date,
  progress: (step: string) => void = () => undefined,
): Promise<Uint8Array> {
  progress(`reading ${original.reports.length} report(s)`);
  if (options.codesOnly) progress('replacing registered names with codes');
  // Codes only: every writer below reads the redacted bundle, so none can leak a name it was not told about.
  const bundle = options.codesOnly ? redactBundle(original) : original;
  const input = toExportInput(bundle);
  // Only a project under a regional system names its standards; the data exports then carry a regional_rights column.
  const regions = (bundle.case.regions ?? []).filter(isRegion);
  const regional = regions.length === 0 ? undefined : regionalLookup(rights, regions);
  progress(`writing ${format}`);
  switch (format) {
    case 'docx':
      return caseDocx(buildCaseDocument({ caseCode: bundle.case.code, court: bundle.case.court, project: bundle.case.project, ...input, rights, regions: bundle.case.regions, generatedAt: now.toISOString() }, options));
    case 'csv':
      return toCsvArchive(reportTables(input.forms, input.reports, options, input.decisions, regional));
    case 'xlsx':
      return toXlsx(reportTables(input.forms, input.reports, options, input.decisions, regional));
    case 'json': {
      const reports = input.reports.filter((r) => options.includeInterviews || input.forms.get(`${r.formId}@${r.formVersion}`)?.level !== 'interview');
      const matrix = caseMatrix(input, reports, rights.map((r) => r.id));
      const counts = new Map([...matrix.columns, ...matrix.outside].map((r) => [r.reportId, r.total]));
      return writeArchive({
        format: 'trial-monitor-archive',
        version: 1,
        exportedAt: now.toISOString(),
        forms: bundle.forms.map((f) => ({ id: f.id, version: f.version, definition: f.definition })),
        cases: [{ id: bundle.case.id, projectId: bundle.case.projectId, code: bundle.case.code, court: bundle.case.court, ...(regions.length === 0 ? {} : { regions: [...regions] }) }],
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
          concernCount: counts.get(r.id) ?? 0,
          answers: r.answers,
        })),
      });
    }
  }
}
