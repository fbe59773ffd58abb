import { isRepeatRows, type Answers, type AnswerValue } from '../forms/answers.ts';
import type { Finding } from '../forms/findings.ts';
import { indexForm } from '../forms/form-index.ts';
import { localize, type FieldItem, type Form } from '../forms/types.ts';
import { answerCell } from './answer-text.ts';
import { exportLabels } from './labels.ts';

/** A finding in words: the question, what it is about, the answer as its option label, the observer's words. */
export interface FindingText {
  readonly question: string;
  /** The row it is about: "Witnesses heard, row 2: W2, victim"; absent outside repeats. */
  readonly about?: string;
  readonly answer: string;
  readonly words: readonly string[];
  readonly howKnown?: string;
}

// A row names itself by convention: its code ("W2", "E1", "D1") or the person it concerns, then what it
// is (role, type, or who made it), in the row's own answers. Documented in src/core/forms/README.md (Coordinator).
const CODE_ITEM = /_(code|person)$/;
const KIND_ITEM = /_(role|type|by)$/;

/** Describes one finding of a report in `language`, for the finding panel, the monitoring report and the data export. */
export function describeFinding(form: Form, answers: Answers, finding: Finding, language: string): FindingText {
  const labels = exportLabels(language);
  const index = indexForm(form);
  const repeat = finding.repeatId === undefined ? undefined : index.top.get(finding.repeatId);
  const inner = finding.repeatId === undefined ? undefined : index.inner.get(finding.repeatId)?.get(finding.itemId);
  const top = index.top.get(finding.itemId);
  const item: FieldItem | undefined = inner ?? (top?.type === 'repeat' ? undefined : top);
  const question = item === undefined ? finding.itemId : repeat === undefined ? localize(item.label, language) : `${localize(repeat.label, language)} · ${localize(item.label, language)}`;
  const cell = item === undefined ? undefined : answerCell(item, finding.answer, language);
  const answer = cell === undefined ? String(finding.answer) : cell.kind === 'empty' ? labels.notAnswered : String(cell.value);
  // "court" would collide with the report's "Court" label: the newer kinds have their own keys.
  const kind = finding.source?.kind;
  const kindLabel = kind === undefined ? undefined : kind === 'court' ? labels.sourceCourt : kind === 'public' ? labels.sourcePublic : labels[kind];
  const source = finding.source === undefined ? undefined : `${kindLabel ?? ''}${finding.source.role === undefined ? '' : ` (${finding.source.role})`}`;
  const about = repeat?.type === 'repeat' && finding.rowId !== undefined ? rowName(repeat.label, repeat.items, answers[repeat.id], finding.rowId, language) : undefined;
  return { question, ...(about === undefined ? {} : { about }), answer, words: finding.words, ...(source === undefined ? {} : { howKnown: source }) };
}

function rowName(label: Form['title'], items: readonly FieldItem[], value: AnswerValue | undefined, rowId: string, language: string): string | undefined {
  const rows = isRepeatRows(value) ? value : [];
  const at = rows.findIndex((r) => r._row === rowId);
  const row = rows[at];
  if (row === undefined) return undefined;
  const code = items.filter((i) => CODE_ITEM.test(i.id) && (i.type === 'text' || i.type === 'single')).map((i) => answerCell(i, row[i.id], language));
  const kind = items.filter((i) => KIND_ITEM.test(i.id) && i.type === 'single').map((i) => answerCell(i, row[i.id], language)).find((c) => c.kind !== 'empty');
  const names = [...code, ...(kind === undefined ? [] : [kind])].flatMap((c) => (c.kind === 'empty' ? [] : [String(c.value).trim()])).filter((n) => n !== '');
  const place = `${localize(label, language)}, ${exportLabels(language).row.toLowerCase()} ${at + 1}`;
  return names.length === 0 ? place : `${place}: ${names.join(', ')}`;
}
