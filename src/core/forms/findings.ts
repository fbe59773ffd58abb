import { isAnswered, type AnswerValue, type Answers, type FieldValue } from './answers.ts';
import { evaluateCondition, type AnswerLookup } from './conditions.ts';
import type { FormState } from './evaluate.ts';
import { indexForm } from './form-index.ts';
import { hiddenInRow, rowLookup, rowPath, rowsOf, topLookup } from './scope.ts';
import { computeVisibility } from './visibility.ts';
import { FACT_SOURCE_KINDS, HOW_KNOWN_ROLE_SUFFIX, HOW_KNOWN_SUFFIX, SEVERITIES, SOURCE_KINDS, type FactSourceKind, type FieldItem, type Form, type Severity } from './types.ts';

/** How the monitor knows what the finding rests on, when the form asked. */
export interface FindingSource {
  readonly kind: FactSourceKind;
  /** The role of whoever told the monitor (never a name), when the monitor gave it. */
  readonly role?: string;
}

/**
 * An answer that signals a fair-trial concern, with the rights at stake. Findings are always computed
 * from answers, never stored, so that a corrected answer corrects the finding.
 */
export interface Finding {
  /** The item id, or "repeatId.rowId.itemId" inside a repeat row (as in FormState). */
  readonly path: string;
  readonly itemId: string;
  readonly repeatId?: string;
  readonly rowId?: string;
  readonly rights: readonly string[];
  readonly severity: Severity;
  readonly answer: FieldValue;
  /** The observer's own text: the "what exactly happened" answer first, then the rule's related text items. */
  readonly words: readonly string[];
  readonly source?: FindingSource;
}

/**
 * Every finding of one report. Hidden items never yield findings; pass `state` when already computed.
 * Findings need only what is hidden, not what is invalid: without a state, visibility alone is worked
 * out (the server computes findings of every pushed report, and validating them as well was a third of
 * the cost).
 */
export function computeFindings(form: Form, answers: Answers, state: Pick<FormState, 'hidden' | 'hiddenInRows'> = computeVisibility(form, answers)): Finding[] {
  const index = indexForm(form);
  const { hidden, hiddenInRows } = state;
  const top = topLookup(answers, hidden);
  const findings: Finding[] = [];
  for (const item of index.top.values()) {
    if (item.type !== 'repeat') {
      const finding = findingOf(item, item.id, top, hidden.has(item.id));
      if (finding !== undefined) findings.push(finding);
      continue;
    }
    if (hidden.has(item.id)) continue;
    const inner = index.inner.get(item.id) ?? new Map<string, FieldItem>();
    for (const row of rowsOf(answers[item.id])) {
      const rowHidden = hiddenInRow(hiddenInRows, item.id, row._row);
      const lookup = rowLookup(row, inner, rowHidden, top);
      for (const innerItem of item.items) {
        if (innerItem.concern === undefined || rowHidden.has(innerItem.id)) continue;
        const finding = findingOf(innerItem, rowPath(item.id, row._row, innerItem.id), lookup, false, item.id, row._row);
        if (finding !== undefined) findings.push(finding);
      }
    }
  }
  return findings;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The finding of one answer, if its concern holds. Built by assignment rather than object spread:
 * this runs for every answer on every keystroke, and spreads are several times slower in V8.
 */
function findingOf(item: FieldItem, path: string, lookup: AnswerLookup, isHidden: boolean, repeatId?: string, rowId?: string): Finding | undefined {
  const rule = item.concern;
  if (rule === undefined || isHidden) return undefined;
  const answer = lookup(item.id);
  if (!isFieldValue(answer) || !isAnswered(answer) || !evaluateCondition(rule.when, lookup)) return undefined;
  const words: string[] = [];
  if (item.companions?.details !== undefined) quote(words, lookup(item.companions.details));
  for (const id of rule.words ?? []) quote(words, lookup(id));
  const finding: Writable<Finding> = { path, itemId: item.id, rights: rule.rights, severity: rule.severity, answer, words };
  if (repeatId !== undefined && rowId !== undefined) {
    finding.repeatId = repeatId;
    finding.rowId = rowId;
  }
  const source = sourceOf(item, lookup);
  if (source !== undefined) finding.source = source;
  return finding;
}

function quote(words: string[], text: AnswerValue | undefined): void {
  if (typeof text === 'string' && text.trim() !== '') words.push(text);
}

function isFieldValue(value: AnswerValue | undefined): value is FieldValue {
  return value !== undefined && !(Array.isArray(value) && value.some((v) => typeof v !== 'string'));
}

function sourceOf(item: FieldItem, lookup: AnswerLookup): FindingSource | undefined {
  const { source, sourceRole } = item.companions ?? {};
  // The built-in companion (saw / file / told), or the newer forms' own question (types.ts FACT_SOURCE_KINDS).
  const kind = source === undefined ? FACT_SOURCE_KINDS.find((k) => k === lookup(item.id + HOW_KNOWN_SUFFIX)) : SOURCE_KINDS.find((k) => k === lookup(source));
  if (kind === undefined) return undefined;
  const roleId = source === undefined ? item.id + HOW_KNOWN_ROLE_SUFFIX : sourceRole;
  const role = roleId === undefined ? undefined : lookup(roleId);
  return typeof role === 'string' && role.trim() !== '' ? { kind, role: role.trim() } : { kind };
}

/** Orders severities so that "high" > "medium" > "low". */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** What a coordinator decided about one finding; an undecided finding has none. */
export type FindingDecision = 'confirmed' | 'dismissed';

/** The findings one report counts, and how many name each right. */
export interface FindingTally {
  /** Findings not dismissed, each counted once however many rights it engages. */
  readonly total: number;
  readonly perRight: ReadonlyMap<string, number>;
  readonly counted: readonly Finding[];
}

/**
 * THE count of the product. One fact is one finding: listed under every right it engages, counted once
 * in a report's total; a finding a coordinator dismissed counts nowhere. The server's stored counts (case
 * filters, thematic view), the case page, the matrix and every export come from this function, so they
 * cannot disagree. `decision` gives a finding's decision by its path.
 */
export function tallyFindings(findings: readonly Finding[], decision: (path: string) => FindingDecision | undefined = () => undefined): FindingTally {
  const counted = findings.filter((f) => decision(f.path) !== 'dismissed');
  const perRight = new Map<string, number>();
  for (const finding of counted) for (const right of finding.rights) perRight.set(right, (perRight.get(right) ?? 0) + 1);
  return { total: counted.length, perRight, counted };
}

/** One line of "this report will flag": a right, how many findings name it, and the worst of them. */
export interface RightTally {
  readonly right: string;
  readonly count: number;
  readonly maxSeverity: Severity;
}

/** Tallies findings by right, worst first (then most frequent, then by id) for the app's summary. */
export function summarizeFindings(findings: readonly Finding[]): RightTally[] {
  const worst = new Map<string, Severity>();
  for (const finding of findings) for (const right of finding.rights) worst.set(right, maxSeverity(worst.get(right) ?? 'low', finding.severity));
  return [...tallyFindings(findings).perRight]
    .map(([right, count]) => ({ right, count, maxSeverity: worst.get(right) ?? 'low' }))
    .sort((a, b) => severityRank(b.maxSeverity) - severityRank(a.maxSeverity) || b.count - a.count || a.right.localeCompare(b.right));
}
