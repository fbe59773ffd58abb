// `npx tsx bench/form-engine.ts`: how long one answer costs the form engine on the whole hearing form.
// Prints figures only (QUALITY.md: medians of several rounds, with a same-run baseline); no pass/fail.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Answers, FieldValue, RepeatRow } from '../src/core/forms/answers.ts';
import { evaluateForm } from '../src/core/forms/evaluate.ts';
import { computeFindings } from '../src/core/forms/findings.ts';
import { loadForm } from '../src/core/forms/load-form.ts';
import type { FieldItem, Form } from '../src/core/forms/types.ts';

const ROWS = 10;
const ANSWERS_PER_ROUND = 2_000;
const ROUNDS = 7;
const BUDGET_MS = 1;

function loadHearing(): Form {
  const result = loadForm(JSON.parse(readFileSync(new URL('../forms/hearing.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error(`hearing.json does not load: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return result.form;
}

/** An answer that opens as much of the form as possible: "partly" on scales opens both details and sources. */
function busyValue(item: FieldItem): FieldValue | undefined {
  switch (item.type) {
    case 'note':
    case 'attachment':
      return undefined;
    case 'text':
    case 'longtext':
      return item.companionOf?.role === 'source_role' ? 'defence lawyer' : 'Observed in the courtroom.';
    case 'integer':
      return Math.max(item.min ?? 1, 1);
    case 'date':
      return '2024-05-02';
    case 'time':
      return '10:00';
    case 'scale':
      return 'partly';
    case 'single':
      return item.companionOf?.role === 'source' ? 'told' : (item.choices[0]?.value ?? '');
    case 'multiple':
      return item.choices.slice(0, 2).map((c) => c.value);
  }
}

function fill(items: readonly FieldItem[]): Record<string, FieldValue> {
  const answers: Record<string, FieldValue> = {};
  for (const item of items) {
    const value = busyValue(item);
    if (value !== undefined) answers[item.id] = value;
  }
  return answers;
}

function fullAnswers(form: Form): Record<string, Answers[string]> {
  const answers: Record<string, Answers[string]> = {};
  for (const item of form.sections.flatMap((s) => s.items)) {
    if (item.type === 'repeat') {
      const rows = item.id === 'witness_rows' || item.id === 'evidence_rows' ? ROWS : 2;
      answers[item.id] = Array.from({ length: rows }, (_, n): RepeatRow => ({ ...fill(item.items), _row: `${item.id}-${n}` }));
    } else Object.assign(answers, fill([item]));
  }
  return answers;
}

/** The edits an observer makes: flip scale answers, at the top and inside witness and evidence rows. */
function edits(form: Form, answers: Record<string, Answers[string]>): ((n: number) => Answers)[] {
  const flip = (n: number): FieldValue => (n % 2 === 0 ? 'no' : 'yes');
  const top = form.sections.flatMap((s) => s.items).filter((i) => i.type === 'scale' && i.companionOf === undefined);
  const list: ((n: number) => Answers)[] = top.map((item) => (n) => ({ ...answers, [item.id]: flip(n) }));
  for (const repeatId of ['witness_rows', 'evidence_rows']) {
    const rows = answers[repeatId] as RepeatRow[];
    rows.forEach((row, index) => {
      list.push((n) => ({ ...answers, [repeatId]: rows.map((r, i) => (i === index ? { ...row, [repeatId === 'witness_rows' ? 'heard_other_testimony' : 'evidence_presented']: flip(n) } : r)) }));
    });
  }
  return list;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function measure(run: (n: number) => void): { median: number; p95: number } {
  const times: number[] = [];
  for (let n = 0; n < ANSWERS_PER_ROUND; n += 1) {
    const start = performance.now();
    run(n);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

const form = loadHearing();
const answers = fullAnswers(form);
const changes = edits(form, answers);
const items = form.sections.flatMap((s) => s.items).reduce((n, i) => n + 1 + (i.type === 'repeat' ? i.items.length * ((answers[i.id] as RepeatRow[] | undefined)?.length ?? 0) : 0), 0);
// The edited documents are built before timing: the app builds each one anyway, whatever the engine does.
const documents = Array.from({ length: 2 * changes.length }, (_, n) => changes[n % changes.length]?.(n) ?? answers);
const documentAt = (n: number): Answers => documents[n % documents.length] ?? answers;
const states = documents.map((d) => evaluateForm(form, d));
let sink = 0;
const engine = (n: number): void => {
  const next = documentAt(n);
  const state = evaluateForm(form, next);
  sink += computeFindings(form, next, state).length + state.issues.length;
};
const evaluateOnly = (n: number): void => {
  sink += evaluateForm(form, documentAt(n)).issues.length;
};
const findingsOnly = (n: number): void => {
  const state = states[n % states.length];
  if (state !== undefined) sink += computeFindings(form, documentAt(n), state).length;
};
const baseline = (n: number): void => {
  sink += JSON.stringify(documentAt(n)).length;
};

for (let n = 0; n < 2_000; n += 1) engine(n); // warm up the JIT
const rounds = Array.from({ length: ROUNDS }, () => ({
  engine: measure(engine),
  evaluate: measure(evaluateOnly),
  findings: measure(findingsOnly),
  baseline: measure(baseline),
}));
const engineMedian = median(rounds.map((r) => r.engine.median));
const engineP95 = median(rounds.map((r) => r.engine.p95));
const baselineMedian = median(rounds.map((r) => r.baseline.median));
const findings = computeFindings(form, answers).length;

console.log(`hearing form: ${items} answer slots (${ROWS} witness rows, ${ROWS} evidence rows), ${findings} findings when every scale says "partly"`);
console.log(`per answer, evaluateForm + computeFindings: median ${us(engineMedian)}, p95 ${us(engineP95)} (median of ${ROUNDS} rounds x ${ANSWERS_PER_ROUND} answers)`);
console.log(`  of which evaluateForm: median ${us(median(rounds.map((r) => r.evaluate.median)))}; computeFindings: median ${us(median(rounds.map((r) => r.findings.median)))}`);
console.log(`baseline in the same run, JSON.stringify of the answers: median ${us(baselineMedian)}; engine / baseline = ${(engineMedian / baselineMedian).toFixed(1)}x`);
console.log(`budget (QUALITY.md): ${BUDGET_MS} ms per answer; median uses ${((engineMedian / BUDGET_MS) * 100).toFixed(1)}% of it`);
if (sink < 0) console.log(sink);
