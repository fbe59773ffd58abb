import { isAnswered, isRepeatRows, type Answers } from '../../core/forms/answers.ts';
import { rowPath, type FormState } from '../../core/forms/evaluate.ts';
import { conditionFields } from '../../core/forms/conditions.ts';
import { nothingSections } from '../../core/forms/nothing-to-record.ts';
import type { Condition, FieldItem, Form, Section } from '../../core/forms/types.ts';

/** How far one section is: visible questions, how many are answered, how many required ones are left. */
export interface SectionProgress {
  readonly id: string;
  /** Shown; marked "nothing to record here" (only its title and the way back show); or hidden by the stage of the hearing. */
  readonly shown: 'shown' | 'nothing' | 'hidden';
  readonly answered: number;
  readonly total: number;
  readonly requiredLeft: number;
}

export interface FormProgress {
  readonly sections: readonly SectionProgress[];
  readonly answered: number;
  readonly total: number;
  readonly requiredLeft: number;
  /** Paths of the visible unanswered questions, required ones first, each group in form order. */
  readonly unanswered: readonly string[];
}

/** Questions an observer answers: notes only inform, and attachments are counted where they are added. */
function counts(item: FieldItem): boolean {
  return item.type !== 'note' && item.type !== 'attachment';
}

/** How a section shows: every item hidden by a condition (the stage gate) hides it, title and all. */
export function sectionShown(section: Section, marked: ReadonlySet<string>, state: FormState): SectionProgress['shown'] {
  if (marked.has(section.id)) return 'nothing';
  return section.items.every((item) => state.hidden.has(item.id)) ? 'hidden' : 'shown';
}

/**
 * A follow-up is a question another answer of the same place opens: its condition reads a question of
 * its own section (or, in a row, of its own row), as companions and "if yes, what happened?" do. The
 * counter leaves follow-ups out of "answered of total", so the total does not grow as the observer
 * answers "yes". A question gated by the stage of the hearing (read from another section) is not a
 * follow-up: it is counted while shown, and the total shrinks when the stage hides it.
 */
function followUp(item: { readonly relevant?: Condition }, siblings: ReadonlySet<string>): boolean {
  return item.relevant !== undefined && conditionFields(item.relevant).some((field) => siblings.has(field));
}

/**
 * The "what is left" of the whole form, from the engine's state: a required issue is a required answer
 * left (follow-ups included), and every visible unanswered question is a place to jump to.
 */
export function formProgress(form: Form, answers: Answers, state: FormState): FormProgress {
  const missing = new Set(state.issues.filter((i) => i.code === 'required' || i.code === 'too_few_rows').map((i) => i.path));
  const required: string[] = [];
  const optional: string[] = [];
  const marked = nothingSections(answers);
  const sections = form.sections.map((section): SectionProgress => {
    let answered = 0;
    let total = 0;
    let requiredLeft = 0;
    const siblings = new Set(section.items.map((i) => i.id));
    const visit = (path: string, item: FieldItem, value: Answers[string] | undefined, counted: boolean): void => {
      if (!counts(item)) return;
      if (counted) total += 1;
      if (isAnswered(value)) answered += counted ? 1 : 0;
      else if (missing.has(path)) required.push(path);
      else optional.push(path);
      if (missing.has(path)) requiredLeft += 1;
    };
    for (const item of section.items) {
      if (state.hidden.has(item.id)) continue;
      if (item.type !== 'repeat') {
        visit(item.id, item, answers[item.id], !followUp(item, siblings));
        continue;
      }
      // A repeat short of rows is one required thing left: adding a row is the answer.
      if (missing.has(item.id)) {
        requiredLeft += 1;
        required.push(item.id);
      }
      // The rows of a follow-up repeat (allegations, once one is reported) are follow-ups too.
      const repeatCounted = !followUp(item, siblings);
      const rowSiblings = new Set(item.items.map((i) => i.id));
      const rows = answers[item.id];
      for (const row of isRepeatRows(rows) ? rows : []) {
        for (const inner of item.items) {
          const path = rowPath(item.id, row._row, inner.id);
          if (!state.hidden.has(path)) visit(path, inner, row[inner.id], repeatCounted && !followUp(inner, rowSiblings));
        }
      }
    }
    return { id: section.id, shown: sectionShown(section, marked, state), answered, total, requiredLeft };
  });
  return {
    sections,
    answered: sections.reduce((n, s) => n + s.answered, 0),
    total: sections.reduce((n, s) => n + s.total, 0),
    requiredLeft: sections.reduce((n, s) => n + s.requiredLeft, 0),
    unanswered: [...required, ...optional],
  };
}

/**
 * The next question to jump to: the first unanswered one (required first) not already jumped to in this
 * pass, so that pressing again moves on past a question the observer chose to skip. When every one has
 * been visited the pass starts over. Returns undefined when nothing is left.
 */
export function nextUnanswered(unanswered: readonly string[], visited: ReadonlySet<string>): { path: string | undefined; restart: boolean } {
  const fresh = unanswered.find((path) => !visited.has(path));
  if (fresh !== undefined) return { path: fresh, restart: false };
  return { path: unanswered[0], restart: true };
}
