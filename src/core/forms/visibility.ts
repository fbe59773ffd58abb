import type { AnswerValue, Answers } from './answers.ts';
import { evaluateCondition, type AnswerLookup } from './conditions.ts';
import { indexForm } from './form-index.ts';
import { rowPath, rowsOf } from './scope.ts';
import type { Condition, FieldItem, Form } from './types.ts';

/**
 * Memoised visibility over a set of items: an item is visible when its condition holds, reading hidden
 * items as unanswered. load-form rejected cycles; marking an item visible before evaluating it keeps a
 * hand-built cyclic form from recursing forever.
 */
function visibilityOf(
  items: ReadonlyMap<string, { readonly relevant?: Condition }>,
  read: (id: string) => AnswerValue | undefined,
  outer: AnswerLookup,
): { isVisible: (id: string) => boolean; lookup: AnswerLookup } {
  const known = new Map<string, boolean>();
  const isVisible = (id: string): boolean => {
    const seen = known.get(id);
    if (seen !== undefined) return seen;
    known.set(id, true);
    const relevant = items.get(id)?.relevant;
    const visible = relevant === undefined || evaluateCondition(relevant, lookup);
    known.set(id, visible);
    return visible;
  };
  // Names not in this scope (a row's view of top-level items) are read through the outer scope.
  const lookup: AnswerLookup = (field) => (items.has(field) ? (isVisible(field) ? read(field) : undefined) : outer(field));
  return { isVisible, lookup };
}

const NOTHING: AnswerLookup = () => undefined;

/**
 * The paths of every hidden answer slot: top-level item ids, and "repeat.row.item" for each row of each
 * repeat (all of a hidden repeat's rows are hidden). A hidden answer stays in the document, but reads as
 * unanswered, is not validated and yields no findings.
 */
export function hiddenPaths(form: Form, answers: Answers): Set<string> {
  const index = indexForm(form);
  const hidden = new Set<string>();
  const top = visibilityOf(index.top, (id) => answers[id], NOTHING);
  for (const item of index.top.values()) {
    const visible = top.isVisible(item.id);
    if (!visible) hidden.add(item.id);
    if (item.type !== 'repeat') continue;
    const inner = index.inner.get(item.id) ?? new Map<string, FieldItem>();
    for (const row of rowsOf(answers[item.id])) {
      if (!visible) {
        for (const innerId of inner.keys()) hidden.add(rowPath(item.id, row._row, innerId));
        continue;
      }
      const rowScope = visibilityOf(inner, (id) => row[id], top.lookup);
      for (const innerId of inner.keys()) if (!rowScope.isVisible(innerId)) hidden.add(rowPath(item.id, row._row, innerId));
    }
  }
  return hidden;
}
