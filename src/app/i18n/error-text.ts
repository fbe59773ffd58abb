import { ApiFailure } from '../api/client.ts';
import { CaseInputError } from '../db/cases.ts';
import { ReportError } from '../db/reports.ts';
import { ReplyError } from '../db/reviews.ts';
import type { Language, Translate } from './messages.ts';

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
        return t('apiSignedOut');
      case 'server':
        return t('apiServer');
      case 'unexpected':
        return t('apiUnexpected');
      case 'refused':
        return t('apiRefused', { code: failure.code });
    }
  }
  if (failure instanceof ReportError) return t(REPORT_ERRORS[failure.code]);
  if (failure instanceof CaseInputError) return t(failure.message === 'code_too_long' ? 'errorCaseCodeTooLong' : 'errorCaseCodeRequired');
  if (failure instanceof ReplyError) return t('errorReplyEmpty');
  return t('apiFailed');
}

const REPORT_ERRORS = {
  not_found: 'errorReportNotFound',
  not_draft: 'errorReportNotDraft',
  invalid: 'errorReportInvalid',
  not_reopenable: 'errorReportNotReopenable',
  reason_required: 'reasonRequired',
  note_empty: 'errorNoteEmpty',
} as const satisfies Record<ReportError['code'], Parameters<Translate>[0]>;
