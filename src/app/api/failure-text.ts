import type { Translate } from '../i18n/messages.ts';
import { ApiFailure } from './client.ts';

/**
 * A failed call in the reader's language. Offline, signed-out, server trouble and an unexpected answer
 * have words of their own; a refusal is the server's message.
 */
export function failureText(t: Translate, failure: unknown): string {
  if (!(failure instanceof ApiFailure)) return t('apiFailed');
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
      return failure.message;
  }
}
