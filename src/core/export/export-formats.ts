/** The export formats and how their files are named and typed (kept apart from the writers, which are large). */
export const EXPORT_FORMATS = ['docx', 'csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV comes as a ZIP of one file per table; the JSON archive is a ZIP with attachments. */
export const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { docx: 'docx', csv: 'csv.zip', xlsx: 'xlsx', json: 'archive.zip' };

export const MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/zip',
};

/** A file name from a case code: letters, digits, dots, dashes and underscores only. */
export function exportFileName(caseCode: string, format: ExportFormat): string {
  return `${caseCode.replace(/[^\w.-]+/g, '_')}.${EXTENSIONS[format]}`;
}
