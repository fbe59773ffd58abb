import type { AnswerValue, Answers } from './answers.ts';
import { evaluateCondition, type AnswerLookup } from './conditions.ts';
import { indexForm } from './form-index.ts';
import { itemsOfNothingSections } from './nothing-to-record.ts';
import { rowKey, rowPath, rowsOf } from './scope.ts';
import type { Condition, FieldItem, Form } from './types.ts';

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Memoised visibility over one scope (the top of the form, or one repeat row): an item is visible when its
 * condition holds, reading hidden items as unanswered. load-form rejected cycles; marking an item visible
 * before evaluating it keeps a hand-built cyclic form from recursing forever. A class rather than closures:
 * one scope is made per row on every keystroke.
 */
class Scope {
  private readonly known = new Map<string, boolean>();
  /** Names not in this scope (a row's view of top-level items) are read through the outer scope. */
  readonly lookup: AnswerLookup;

  constructor(
    private readonly items: ReadonlyMap<string, { readonly relevant?: Condition }>,
    answers: Readonly<Record<string, AnswerValue>>,
    outer: AnswerLookup,
    /** Hidden whatever their conditions say: the items of sections marked "nothing to record". */
    private readonly forced: ReadonlySet<string> = NO_IDS,
  ) {
    this.lookup = (field) => (this.items.has(field) ? (this.isVisible(field) ? answers[field] : undefined) : outer(field));
  }

  isVisible(id: string): boolean {
    const seen = this.known.get(id);
    if (seen !== undefined) return seen;
    if (this.forced.has(id)) {
      this.known.set(id, false);
      return false;
    }
    this.known.set(id, true);
    const relevant = this.items.get(id)?.relevant;
    const visible = relevant === undefined || evaluateCondition(relevant, this.lookup);
    this.known.set(id, visible);
    return visible;
  }
}

const NOTHING: AnswerLookup = () => undefined;

export interface Visibility {
  /** Top-level item ids, and "repeat.row.item" for each hidden item of each row. */
  readonly hidden: Set<string>;
  /** The same facts for rows, indexed by "repeat.row" (see rowKey): the ids of the row's hidden items. */
  readonly hiddenInRows: Map<string, Set<string>>;
}

/**
 * Every hidden answer slot (all of a hidden repeat's rows are hidden). A hidden answer stays in the
 * document, but reads as unanswered, is not validated and yields no findings.
 */
export function computeVisibility(form: Form, answers: Answers): Visibility {
  const index = indexForm(form);
  const hidden = new Set<string>();
  const hiddenInRows = new Map<string, Set<string>>();
  const top = new Scope(index.top, answers, NOTHING, itemsOfNothingSections(form, answers));
  for (const item of index.top.values()) {
    const visible = top.isVisible(item.id);
    if (!visible) hidden.add(item.id);
    if (item.type !== 'repeat') continue;
    const inner = index.inner.get(item.id) ?? new Map<string, FieldItem>();
    for (const row of rowsOf(answers[item.id])) {
      const rowScope = visible ? new Scope(inner, row, top.lookup) : undefined;
      const rowHidden = new Set<string>();
      for (const innerId of inner.keys()) {
        if (rowScope !== undefined && rowScope.isVisible(innerId)) continue;
        rowHidden.add(innerId);
        hidden.add(rowPath(item.id, row._row, innerId));
      }
      hiddenInRows.set(rowKey(item.id, row._row), rowHidden);
    }
  }
  return { hidden, hiddenInRows };
}
