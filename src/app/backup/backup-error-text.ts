import { issueText } from '../base/i18n/api-errors.ts';
import { errorText } from '../base/i18n/error-text.ts';
import type { Language, Translate } from '../base/i18n/messages.ts';
import { BackupError } from './import-backup.ts';

/**
 * Why saving or restoring a backup failed, in the reader's language: a refused file by its code and
 * each bad record's place and kind of fault; anything else (the browser's storage full, a bug) in the
 * general words of errorText, never an exception's English message.
 */
export function backupErrorText(i18n: { readonly t: Translate; readonly language: Language }, stage: 'export' | 'import', failure: unknown): string {
  const { t } = i18n;
  if (failure instanceof BackupError) {
    const details = failure.issues.map((issue) => issueText(i18n.language, issue)).join('; ');
    return `${t(`backupError.${failure.code}`)}${details === '' ? '' : ` (${details})`}`;
  }
  return `${t(stage === 'export' ? 'backupExportFailed' : 'backupImportFailed')} ${errorText(i18n, failure)}`;
}
