import type { Selectable } from 'kysely';
import { parseSealedBox } from '../../core/seal/envelope.ts';
import type { CaseRecord, ReportRecord } from '../../core/sync/protocol.ts';
import type { CasesTable, ReportsTable } from '../db/schema.ts';

/** Database rows to the wire records of core/sync/protocol.ts. */
export function toCaseRecord(row: Selectable<CasesTable>): CaseRecord {
  return { id: row.id, projectId: row.project_id, code: row.code, court: row.court, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** `sealed`: the current version's box (report_versions.sealed), when it is sealed; then answers are '{}'. */
export function toReportRecord(row: Selectable<ReportsTable> & { answers: string; sealed_box?: string | null }): ReportRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    caseId: row.case_id,
    formId: row.form_id,
    formVersion: row.form_version,
    authorId: row.author_id,
    hearingDate: row.hearing_date,
    version: row.version,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    // Stored only after parseSealedBox accepted it: parsing again gives the box its type.
    ...(row.sealed_box === undefined || row.sealed_box === null ? {} : { sealed: parseSealedBox(JSON.parse(row.sealed_box)) }),
    receivedAt: row.received_at,
  };
}
