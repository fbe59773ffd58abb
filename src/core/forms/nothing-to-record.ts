import type { AnswerIssue } from './evaluate.ts';
import type { Answers, AnswerValue } from './answers.ts';
import type { Form } from './types.ts';

/**
 * The one reserved key of an answers document: the ids of the sections the observer marked "nothing to
 * record here" (a stage of the hearing that did not happen today). Their items are hidden, so they are
 * not asked, not validated and yield no findings; answers already typed in them are kept, as for any
 * hidden item. It starts with "_" so that it can never be an item id.
 */
export const NOTHING_KEY = '_nothing';

const NONE: ReadonlySet<string> = new Set();

/** The section ids marked "nothing to record" (anything malformed reads as none: structuralIssues reports it). */
export function nothingSections(answers: Answers): ReadonlySet<string> {
  const value = answers[NOTHING_KEY];
  if (!Array.isArray(value) || value.length === 0) return NONE;
  return new Set(value.filter((v): v is string => typeof v === 'string'));
}

/** The item ids of the marked sections: what visibility hides before reading any condition. */
export function itemsOfNothingSections(form: Form, answers: Answers): ReadonlySet<string> {
  const marked = nothingSections(answers);
  if (marked.size === 0) return NONE;
  const ids = new Set<string>();
  for (const section of form.sections) if (marked.has(section.id)) for (const item of section.items) ids.add(item.id);
  return ids;
}

/** The server's check of the reserved key: a list of distinct section ids of this form. */
export function nothingIssues(form: Form, value: AnswerValue): AnswerIssue[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return [{ path: NOTHING_KEY, code: 'wrong_type' }];
  const ids = value as readonly string[];
  const sections = new Set(form.sections.map((s) => s.id));
  if (new Set(ids).size !== ids.length) return [{ path: NOTHING_KEY, code: 'wrong_type' }];
  return ids.filter((id) => !sections.has(id)).map((id) => ({ path: `${NOTHING_KEY}.${id}`, code: 'unknown_field' }));
}
