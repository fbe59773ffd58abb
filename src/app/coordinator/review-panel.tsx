import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import type { Answers } from '../../core/forms/answers.ts';
import type { Form } from '../../core/forms/types.ts';
import type { ReviewStatus } from '../../core/sync/protocol.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { answerChoices, answerLabel } from '../form/answer-labels.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** Review a report: approve it, ask for clarification (a comment is required), reopen; comment, pinned to an answer or not. */
export function ReviewPanel({ reportId, form, answers, t }: { reportId: string; form: Form; answers: Answers; t: CoordinatorText }) {
  const i18n = useI18n();
  const { language, t: translate } = i18n;
  // Any answered question, inside rows too (a witness's answer is named by the witness's code).
  const pinChoices = answerChoices(form, answers, language, translate);
  const { data: thread, error, reload } = useApi(contract.getThread, { params: { id: reportId } });
  const [comment, setComment] = useState('');
  const [pin, setPin] = useState('');
  // The comment's id, made here once per wording: sending it again after a lost answer (the same id)
  // stores it once; changing the words or the pin makes it a new comment with a new id.
  const [commentId, setCommentId] = useState(uuidv7);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const compose = (words: string, pinned: string): void => {
    setComment(words);
    setPin(pinned);
    setCommentId(uuidv7());
  };

  const act = async (action: ReviewStatus | 'comment'): Promise<void> => {
    try {
      const pinned = pin === '' ? {} : { pin };
      const withComment = comment.trim() !== '';
      if (action === 'comment') await call(contract.commentOnReport, { params: { id: reportId }, body: { id: commentId, body: comment, ...pinned } });
      else await call(contract.reviewReport, { params: { id: reportId }, body: { status: action, ...(withComment ? { comment, commentId } : {}), ...pinned } });
      compose('', '');
      setStatus(undefined);
      reload();
    } catch (failure) {
      setStatus(errorText(i18n, failure));
    }
  };

  return (
    <section class="card" aria-labelledby="review-heading" data-testid="review-panel">
      <h2 id="review-heading">
        {t('review')}: <span data-testid="review-status">{t(thread?.status ?? 'received')}</span>
      </h2>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ol class="comments">
        {thread?.comments.map((c) => (
          <li key={c.id} class={c.authorRole}>
            <p class="muted">
              {c.authorName} ({t(c.authorRole)}) · {new Date(c.createdAt).toLocaleString(language)}
            </p>
            {c.pin !== undefined && (
              <p class="help">
                {t('pinnedTo')} {answerLabel(form, answers, c.pin, language, translate)}
              </p>
            )}
            <p class="comment-body">{c.body}</p>
          </li>
        ))}
      </ol>
      <label for="review-comment">{t('comment')}</label>
      <textarea id="review-comment" rows={3} value={comment} onInput={(e) => compose(e.currentTarget.value, pin)} />
      <label for="review-pin">{t('pinTo')}</label>
      <select id="review-pin" value={pin} onChange={(e) => compose(comment, e.currentTarget.value)}>
        <option value="">{t('wholeReport')}</option>
        {pinChoices.map((p) => (
          <option key={p.path} value={p.path}>
            {p.label}
          </option>
        ))}
      </select>
      <div class="actions">
        <button type="button" onClick={() => void act('comment')} disabled={comment.trim() === ''}>
          {t('addComment')}
        </button>
        <button type="button" onClick={() => void act('needs_clarification')}>
          {t('askClarification')}
        </button>
        <button type="button" class="primary" onClick={() => void act('approved')}>
          {t('approve')}
        </button>
        {thread !== undefined && thread.status !== 'received' && (
          <button type="button" onClick={() => void act('received')}>
            {t('reopenReport')}
          </button>
        )}
      </div>
      {status !== undefined && (
        <p class="error" role="alert">
          {status}
        </p>
      )}
    </section>
  );
}
