import { ATTACHMENT_KINDS, type AttachmentKind } from '../../core/forms/types.ts';
import { apiErrorText } from '../base/i18n/api-errors.ts';
import type { Language, Translate } from '../base/i18n/messages.ts';
import type { LocalAttachment } from './local-attachment.ts';

/**
 * Why the server refused a file, in the reader's language: from its code and parameters. A record from
 * before refusals were codes has only the server's English sentence (`note`), the only words it has; a
 * code this app does not know (a newer server) is named, never quoted.
 */
export function attachmentRefusalText(i18n: { readonly t: Translate; readonly language: Language }, file: Pick<LocalAttachment, 'refusal' | 'note'>): string {
  if (file.refusal !== undefined) {
    const { code, params } = file.refusal;
    // The kind travels as its key (photo): said in the reader's words (фото).
    const kind = params['kind'];
    const words = typeof kind === 'string' && isAttachmentKind(kind) ? { ...params, kind: i18n.t(`attachKind.${kind}`) } : params;
    return apiErrorText(i18n.language, code, words) ?? i18n.t('apiRefused', { code });
  }
  return file.note ?? '';
}

const isAttachmentKind = (value: string): value is AttachmentKind => (ATTACHMENT_KINDS as readonly string[]).includes(value);
