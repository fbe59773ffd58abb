import { Component } from 'preact';
import type { AnswerIssue } from '../../core/forms/evaluate.ts';
import { ItemInput, type ItemInputProps } from './item-input.tsx';
import { PinnedComments, type PinnedComment } from './pinned-comments.tsx';

/** A question's props (onChange must be stable per path: FormView caches them, so an unchanged question is not rendered again) and its pinned comments. */
export interface ItemSlotProps extends ItemInputProps {
  readonly comments: readonly PinnedComment[] | undefined;
}

function sameIssue(a: AnswerIssue | undefined, b: AnswerIssue | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.path === b.path && a.code === b.code && a.limit === b.limit && a.message === b.message);
}

/**
 * One question in the form with what belongs beside it (the coordinator's comments pinned to it), and
 * the data-path the navigator jumps to. Memoised: typing in one answer re-renders that answer only, not
 * the 200 others (the engine re-creates issue objects on every evaluation, so issues compare by content).
 * A class for shouldComponentUpdate: preact's memo lives in preact/compat, which the observer need not download.
 */
export class ItemSlot extends Component<ItemSlotProps> {
  override shouldComponentUpdate(next: ItemSlotProps): boolean {
    const prev = this.props;
    return !(
      prev.item === next.item &&
      prev.path === next.path &&
      prev.value === next.value &&
      prev.readOnly === next.readOnly &&
      prev.onChange === next.onChange &&
      prev.comments === next.comments &&
      prev.compact === next.compact &&
      sameIssue(prev.issue, next.issue)
    );
  }

  override render() {
    const { item, path, value, issue, readOnly, onChange, comments, compact } = this.props;
    return (
      <div class="slot" data-path={path}>
        <ItemInput item={item} path={path} value={value} issue={issue} readOnly={readOnly} onChange={onChange} compact={compact} />
        {comments !== undefined && comments.length > 0 && <PinnedComments pin={path} comments={comments} />}
      </div>
    );
  }
}
