import { isAnswered, isRepeatRows, type Answers } from '../../core/forms/answers.ts';
import { rowPath } from '../../core/forms/evaluate.ts';
import { localize, type Form } from '../../core/forms/types.ts';
import type { Translate } from '../base/i18n/messages.ts';
import { rowTitle } from './row-title.ts';

/** An answer a comment can be pinned to: its path ("itemId" or "repeatId.rowId.itemId") and how it is named. */
export interface AnswerChoice {
  readonly path: string;
  readonly label: string;
}

/**
 * Every answered question of a report, rows included, in form order: what a coordinator can ask about.
 * A row's answer is named by its repeat and row title ("Witnesses heard · W2 · Prosecution: Was the
 * witness in the courtroom…"), so the question reaches the phone beside the right witness's answer.
 */
export function answerChoices(form: Form, answers: Answers, language: string, t: Translate): AnswerChoice[] {
  const choices: AnswerChoice[] = [];
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.type === 'note') continue;
      if (item.type !== 'repeat') {
        if (isAnswered(answers[item.id])) choices.push({ path: item.id, label: localize(item.label, language) });
        continue;
      }
      const rows = answers[item.id];
      (isRepeatRows(rows) ? rows : []).forEach((row, index) => {
        const where = `${localize(item.label, language)} · ${rowTitle(item, row, index, language, t)}`;
        for (const inner of item.items) {
          if (inner.type !== 'note' && isAnswered(row[inner.id])) choices.push({ path: rowPath(item.id, row._row, inner.id), label: `${where}: ${localize(inner.label, language)}` });
        }
      });
    }
  }
  return choices;
}

/** How the answer at a pin is named (as in answerChoices), whether answered or not; the pin itself when the form has no such answer. */
export function answerLabel(form: Form, answers: Answers, pin: string, language: string, t: Translate): string {
  const [first = pin, rowId, innerId] = pin.split('.');
  for (const section of form.sections) {
    for (const item of section.items) {
      if (item.id !== first) continue;
      if (innerId === undefined) return localize(item.label, language);
      if (item.type !== 'repeat') return pin;
      const inner = item.items.find((i) => i.id === innerId);
      const value = answers[item.id];
      const rows = isRepeatRows(value) ? value : [];
      const index = rows.findIndex((r) => r._row === rowId);
      const row = rows[index];
      const where = row === undefined ? localize(item.label, language) : `${localize(item.label, language)} · ${rowTitle(item, row, index, language, t)}`;
      return inner === undefined ? where : `${where}: ${localize(inner.label, language)}`;
    }
  }
  return pin;
}
