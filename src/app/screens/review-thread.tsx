import { useState } from 'preact/hooks';
import { localize, type Form } from '../../core/forms/types.ts';
import { reply, threadOf } from '../db/reviews.ts';
import { useI18n } from '../i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../use-live.ts';

/** The label of the question a comment is pinned to ("itemId" or "repeatId.rowId.itemId"). */
function pinLabel(form: Form, pin: string, language: string): string {
  const parts = pin.split('.');
  const itemId = parts[parts.length - 1] ?? pin;
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.id === itemId) return localize(item.label, language);
      if (item.type === 'repeat') {
        const inner = item.items.find((i) => i.id === itemId);
        if (inner !== undefined) return `${localize(item.label, language)} · ${localize(inner.label, language)}`;
      }
    }
  }
  return pin;
}

/** The coordinator's review of a finalised report: status, questions (pinned to answers) and the observer's replies. */
export function ReviewThreadView({ reportId, form }: { reportId: string; form: Form }) {
  const { t, language } = useI18n();
  const { db, sync, account } = useSession();
  const data = useLive(() => threadOf(db, reportId), [db, reportId]);
  const [text, setText] = useState('');
  if (data === undefined || (data.thread === undefined && data.pending.length === 0)) return null;
  const { thread, pending } = data;

  const send = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    await reply(db, reportId, text);
    setText('');
    sync.afterWrite();
  };

  return (
    <section class="card review" aria-labelledby="review-title" data-testid="review-thread">
      <h2 id="review-title">
        {t('reviewTitle')}: <span data-testid="review-status">{t(`review.${thread?.status ?? 'received'}`)}</span>
      </h2>
      <ol class="comments">
        {thread?.comments.map((c) => (
          <li key={c.id} class={c.authorRole}>
            <p class="muted">
              {c.authorId === account.user.id ? t('you') : c.authorName} · {new Date(c.createdAt).toLocaleString(language)}
            </p>
            {c.pin !== undefined && (
              <p class="help">
                {t('aboutAnswer')} {pinLabel(form, c.pin, language)}
              </p>
            )}
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
        {pending.map((c) => (
          <li key={c.id} class="observer pending">
            <p class="muted">
              {t('you')} · {t('replyWaiting')}
            </p>
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void send(e)}>
        <label for="reply">{t('replyLabel')}</label>
        <textarea id="reply" rows={3} maxLength={10_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="primary">
          {t('sendReply')}
        </button>
      </form>
    </section>
  );
}
