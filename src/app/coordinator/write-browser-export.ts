// Loaded on the first export click: the DOCX and ZIP writers stay out of every other screen's download.
import type { CaseBundle } from '../../core/export/case-bundle.ts';
import type { ExportOptions } from '../../core/export/report-tables.ts';
import type { ExportFormat } from '../../core/export/export-formats.ts';
import { writeCaseExport } from '../../core/export/write-case-export.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';

export function writeBrowserExport(bundle: CaseBundle, format: ExportFormat, options: ExportOptions, progress: (step: string) => void): Promise<Uint8Array> {
  return writeCaseExport(bundle, format, options, BUILTIN_RIGHTS, new Date(), progress);
}
