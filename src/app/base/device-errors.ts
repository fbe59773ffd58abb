/**
 * What the device itself refuses (no server involved): a report that is no longer a draft, an empty case
 * code, an empty reply. The device database throws them (src/app/db, which re-exports each beside the
 * operation that throws it); errorText (i18n/error-text.ts) puts them in the reader's words. They live in
 * the base so that the words need not know the database: the base imports nothing above it.
 */
export class ReportError extends Error {
  constructor(readonly code: 'not_found' | 'not_draft' | 'invalid' | 'not_reopenable' | 'reason_required' | 'note_empty') {
    super(code);
  }
}

/** A case the observer typed that cannot be opened: its message is the reason's code. */
export class CaseInputError extends Error {
  constructor(readonly code: 'code_required' | 'code_too_long') {
    super(code);
  }
}

/** A reply to the coordinator that cannot be sent (it is empty). */
export class ReplyError extends Error {}
