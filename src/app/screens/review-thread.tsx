import { useState } from 'preact/hooks';
import type { Answers } from '../../core/forms/answers.ts';
import type { Form } from '../../core/forms/types.ts';
import { reply, threadOf } from '../db/reviews.ts';
import { formatDateTime } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { answerLabel } from '../form/answer-labels.ts';
import { goTo } from '../form/go-to-answer.ts';
import { useSession } from '../session.ts';
import { useLive } from '../base/use-live.ts';

/**
 * The coordinator's review of a finalised report: status, questions (pinned to answers) and the observer's replies.
 * `purged`: the report's answers were deleted from this phone (PurgedReport), so a pinned question names its item only.
 */
export function ReviewThreadView({ reportId, form, answers, purged = false }: { reportId: string; form: Form; answers: Answers; purged?: boolean }) {
  const { t, language } = useI18n();
  const { db, sync, account } = useSession();
  const data = useLive(() => threadOf(db, reportId), [db, reportId]);
  const [text, setText] = useState('');
  const [notShown, setNotShown] = useState<string | undefined>(undefined);
  if (data === undefined || (data.thread === undefined && data.pending.length === 0)) return null;
  const { thread, pending } = data;

  // Opens the row the answer is in and puts the focus on it; an answer hidden now is said so, nothing changes.
  const showAnswer = async (commentId: string, pin: string): Promise<void> => {
    setNotShown((await goTo(pin)) ? undefined : commentId);
  };

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
              {c.authorId === account.user.id ? t('you') : c.authorName} · {formatDateTime(c.createdAt, language)}
            </p>
            {c.pin !== undefined && (
              <p class="help about">
                <span>
                  {t('aboutAnswer')} {answerLabel(form, answers, c.pin, language, t)}
                </span>
                {/* A purged report's answers are on the server only: the question is named, not shown beside its answer. */}
                {purged ? (
                  <span class="muted">{t('answerRemovedHere')}</span>
                ) : (
                  <button type="button" onClick={() => void showAnswer(c.id, c.pin ?? '')}>
                    {t('showAnswer')}
                  </button>
                )}
              </p>
            )}
            {notShown === c.id && (
              <p class="issue" role="alert">
                {t('questionNotShown')}
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
