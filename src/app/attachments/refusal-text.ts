import { apiErrorText } from '../i18n/api-errors.ts';
import type { Language, Translate } from '../i18n/messages.ts';
import type { LocalAttachment } from './local-attachment.ts';

/**
 * Why the server refused a file, in the reader's language: from its code and parameters. A record from
 * before refusals were codes has only the server's English sentence (`note`), the only words it has; a
 * code this app does not know (a newer server) is named, never quoted.
 */
export function attachmentRefusalText(i18n: { readonly t: Translate; readonly language: Language }, file: Pick<LocalAttachment, 'refusal' | 'note'>): string {
  if (file.refusal !== undefined) return apiErrorText(i18n.language, file.refusal.code, file.refusal.params) ?? i18n.t('apiRefused', { code: file.refusal.code });
  return file.note ?? '';
}
