import { ApiFailure } from '../api/client.ts';
import { CaseInputError, ReplyError, ReportError } from '../device-errors.ts';
import { apiErrorText, issueText, refusalText } from './api-errors.ts';
import type { Language, Translate } from './messages.ts';
import { isSyncRefusal, refusalCode } from '../../../core/api/sync-refusals.ts';

/**
 * Any failure a screen shows, in the reader's language: never an exception's message or name (English,
 * for logs) and never the server's `message`. A failed call reads by its kind, a refusal by its stable
 * code; the device's own refusals (a report no longer a draft, an empty case code) by theirs; anything
 * else as "something went wrong", nothing lost.
 */
export function errorText(i18n: { readonly t: Translate; readonly language: Language }, failure: unknown): string {
  const { t } = i18n;
  if (failure instanceof ApiFailure) {
    switch (failure.kind) {
      case 'offline':
        return t('apiOffline');
      case 'signed-out':
        // A revoked or expired device, a disabled account: said as such; a plain "sign in" otherwise.
        return failure.code === 'not_signed_in' ? t('apiSignedOut') : (apiErrorText(i18n.language, failure.code, failure.params) ?? t('apiSignedOut'));
      case 'server':
        return t('apiServer');
      case 'unexpected':
        return t('apiUnexpected');
      case 'refused': {
        // A code this app does not know yet (a newer server) is named, never quoted in the server's English.
        const params = failure.code === 'invalid_input' || failure.code === 'invalid_form' ? firstIssueInWords(i18n.language, failure) : failure.params;
        return apiErrorText(i18n.language, failure.code, params) ?? t('apiRefused', { code: failure.code });
      }
    }
  }
  if (failure instanceof ReportError) return t(REPORT_ERRORS[failure.code]);
  if (failure instanceof CaseInputError) return t(failure.message === 'code_too_long' ? 'errorCaseCodeTooLong' : 'errorCaseCodeRequired');
  if (failure instanceof ReplyError) return t('errorReplyEmpty');
  return t('apiFailed');
}

/** invalid_input's and invalid_form's `issue` parameter is the first fault's kind, with its parameters beside it: say it in words. */
function firstIssueInWords(language: Language, failure: ApiFailure): Readonly<Record<string, string | number>> {
  const first = failure.issues[0];
  const path = typeof failure.params['path'] === 'string' ? failure.params['path'] : (first?.path ?? '');
  const kind = typeof failure.params['issue'] === 'string' ? failure.params['issue'] : (first?.code ?? 'not_valid');
  const words = issueText(language, { path: '', message: '', code: kind, params: failure.params }).replace(/^:?\s*/, '');
  return { ...failure.params, path, issue: words };
}

const REPORT_ERRORS = {
  not_found: 'errorReportNotFound',
  not_draft: 'errorReportNotDraft',
  invalid: 'errorReportInvalid',
  not_reopenable: 'errorReportNotReopenable',
  reason_required: 'reasonRequired',
  note_empty: 'errorNoteEmpty',
} as const satisfies Record<ReportError['code'], Parameters<Translate>[0]>;

/**
 * Why the server refused a pushed change, in the reader's language: from the refusal's code and
 * parameters (MutationResult.code, kept on the report as syncRefusal). A report refused before the
 * codes, or by an older server, kept only the English sentence (syncNote), the catalogue's wording
 * (src/core/api/error-codes.ts, SYNC_REFUSALS), which refusalCode reads back into its code. A code this
 * app does not know (a newer server) is said in the server's words, the only ones the device has.
 */
export function refusalReasonText(language: Language, report: { readonly syncNote?: string | undefined; readonly syncRefusal?: { readonly code: string; readonly params: Readonly<Record<string, string>> } | undefined }): string {
  const reason = report.syncNote ?? '';
  const known = report.syncRefusal ?? refusalCode(reason);
  const text = known !== undefined && isSyncRefusal(known.code) ? refusalText(language, known.code, known.params) : undefined;
  return text ?? reason;
}
