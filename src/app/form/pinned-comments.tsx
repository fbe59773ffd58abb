import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { formatDateTime } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** A comment shown beside the answer it is pinned to: the coordinator's question, or the observer's reply. */
export interface PinnedComment {
  readonly id: string;
  readonly author: string;
  readonly role: 'coordinator' | 'observer';
  readonly body: string;
  readonly createdAt: string;
  /** Written on this device and not yet confirmed by the server. */
  readonly pending: boolean;
}

/** How to reply to a comment on an answer; absent where replies make no sense (a form not yet sent). */
export const ReplyContext = createContext<((pin: string, text: string) => Promise<void>) | undefined>(undefined);

/** The conversation about one answer, right under it, with a reply box the observer opens there. */
export function PinnedComments({ pin, comments }: { pin: string; comments: readonly PinnedComment[] }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const reply = useContext(ReplyContext);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const id = `reply-${pin.replace(/\./g, '-')}`;

  const send = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (reply === undefined || text.trim() === '') return;
    try {
      await reply(pin, text);
      setText('');
      setOpen(false);
      setError(undefined);
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };

  return (
    <div class="pinned" role="group" aria-label={t('commentsOnAnswer')} data-testid="pinned-comments">
      <ol class="comments">
        {comments.map((c) => (
          <li key={c.id} class={`${c.role}${c.pending ? ' pending' : ''}`}>
            <p class="muted">
              {c.author} · {c.pending ? t('replyWaiting') : formatDateTime(c.createdAt, language)}
            </p>
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      {reply !== undefined &&
        (open ? (
          <form onSubmit={(e) => void send(e)}>
            <label for={id}>{t('replyLabel')}</label>
            <textarea id={id} rows={2} maxLength={10_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            {error !== undefined && (
              <p class="error" role="alert">
                {error}
              </p>
            )}
            <div class="actions">
              <button type="button" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
              <button type="submit" class="primary">
                {t('sendReply')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('replyHere')}
          </button>
        ))}
    </div>
  );
}
