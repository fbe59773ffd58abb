import { isAnswered, type RepeatRow } from '../../core/forms/answers.ts';
import { localize, type FieldItem, type RepeatItem } from '../../core/forms/types.ts';
import type { Translate } from '../base/i18n/messages.ts';

/**
 * A row's code item: the first text item whose id ends in "_code" (witness_code, evidence_code,
 * lawyer_code). Observers write codes, never names, so the code is what a row is called.
 */
export function codeItem(repeat: RepeatItem): FieldItem | undefined {
  return repeat.items.find((item) => item.type === 'text' && item.id.endsWith('_code'));
}

/** How many answered single choices follow the code in a row's title ("W2 · Prosecution · Victim"). */
const CHOICES_IN_TITLE = 2;

/**
 * What a row is called on its card, in the navigator and in the coordinator's view: its code (or
 * "Row 2" while it has none), then its first answered single choices, such as side and role.
 */
export function rowTitle(repeat: RepeatItem, row: RepeatRow, index: number, language: string, t: Translate): string {
  const code = codeItem(repeat);
  const codeValue = code === undefined ? undefined : row[code.id];
  const name = typeof codeValue === 'string' && codeValue.trim() !== '' ? codeValue.trim() : `${t('row')} ${index + 1}`;
  const choices: string[] = [];
  for (const item of repeat.items) {
    if (choices.length === CHOICES_IN_TITLE) break;
    const value = row[item.id];
    if (item.type !== 'single' || typeof value !== 'string') continue;
    const label = localize(item.choices.find((c) => c.value === value)?.label, language);
    if (label !== '') choices.push(label);
  }
  return [name, ...choices].join(' · ');
}

/**
 * The code a new row is offered: the next number after the highest of the rows' codes that end in one,
 * with that code's prefix ("W1", "W2" → "W3"). Nothing when no code ends in a number, so the observer's
 * own scheme is never guessed at.
 */
export function nextCode(repeat: RepeatItem, rows: readonly RepeatRow[]): string | undefined {
  const code = codeItem(repeat);
  if (code === undefined) return undefined;
  let best: { prefix: string; n: number } | undefined;
  for (const row of rows) {
    const value = row[code.id];
    const match = typeof value === 'string' ? /^(\D*)(\d+)$/.exec(value.trim()) : null;
    if (match === null) continue;
    const n = Number(match[2]);
    if (best === undefined || n > best.n) best = { prefix: match[1] ?? '', n };
  }
  return best === undefined ? undefined : `${best.prefix}${best.n + 1}`;
}

/** Whether a row holds anything beyond its code: such a row is removed only after asking (and can be undone). */
export function rowHasAnswers(repeat: RepeatItem, row: RepeatRow): boolean {
  const code = codeItem(repeat)?.id;
  return Object.entries(row).some(([key, value]) => key !== '_row' && key !== code && isAnswered(value));
}

/** Where a quick note's words go when it becomes a row: the row's last long text ("Anything else about this witness"), else its last text that is not the code. */
export function noteItem(repeat: RepeatItem): FieldItem | undefined {
  const code = codeItem(repeat);
  const texts = repeat.items.filter((item) => item.type === 'longtext' || (item.type === 'text' && item !== code));
  return texts.filter((item) => item.type === 'longtext').at(-1) ?? texts.at(-1);
}
