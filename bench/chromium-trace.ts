// A Chromium performance trace (the DevTools Performance panel's recording) of one action, taken through
// CDP, and where the page's main thread spent it: self time per trace event (style, layout, paint, script,
// parsing, garbage collection) and, from the JavaScript samples in the same trace, per function. The
// benches use it so that a change can name its top costs from a profile, not from a guess.
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: unknown };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'blink.user_timing',
  'loading',
].join(',');

/** Records a trace while `action` runs; writes it to `file` when given (open it in DevTools' Performance panel). */
export async function traceOf(cdp: CDPSession, action: () => Promise<void>, file?: string): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (data: { value: object[] }): void => {
    for (const event of data.value) events.push(event as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(',') }, transferMode: 'ReportEvents' });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  if (file !== undefined) writeFileSync(file, JSON.stringify({ traceEvents: events }));
  return events;
}

/** The renderer's main thread: the thread named CrRendererMain that did the most work. */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | undefined {
  const named = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; busy: number } | undefined;
  for (const thread of named) {
    const busy = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (best === undefined || busy > best.busy) best = { pid: thread.pid, tid: thread.tid, busy };
  }
  return best;
}

/**
 * Self time per event name on the main thread (an event's duration less its children's), in ms, largest
 * first. Script shows as FunctionCall / EvaluateScript / v8.compile, style as UpdateLayoutTree, and so on.
 */
export function mainThreadSelfTimes(events: readonly TraceEvent[]): [string, number][] {
  const main = mainThread(events);
  if (main === undefined) return [];
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const span of spans) {
    const end = span.ts + (span.dur ?? 0);
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= span.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent !== undefined) self.set(parent.name, (self.get(parent.name) ?? 0) - (span.dur ?? 0) / 1000);
    self.set(span.name, (self.get(span.name) ?? 0) + (span.dur ?? 0) / 1000);
    stack.push({ end, name: span.name });
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** A sampled CPU profile (200 µs) of the page's JavaScript while `action` runs; written to `file` when given. */
export async function profileOf(cdp: CDPSession, action: () => Promise<void>, file?: string): Promise<CpuProfile> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    await action();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    if (file !== undefined) writeFileSync(file, JSON.stringify(profile));
    // eslint-disable-next-line no-unsafe-finally -- the profile is the result
    return profile;
  }
}

/** Self time per JavaScript function (name, file, line:column), in ms, largest first. */
export function functionSelfTimes(profile: CpuProfile): [string, number][] {
  const frames = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    frames.set(node.id, `${functionName === '' ? '(anonymous)' : functionName} ${url.split('/').pop() ?? ''}:${lineNumber + 1}:${columnNumber + 1}`);
  }
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const key = frames.get(id) ?? `(node ${id})`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Total time per JavaScript function including what it called (each sample counted once per function). */
export function functionTotalTimes(profile: CpuProfile): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of (node as { children?: readonly number[] }).children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let node = byId.get(id); node !== undefined; node = byId.get(parent.get(node.id) ?? -1)) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const key = `${functionName === '' ? '(anonymous)' : functionName} ${url.split('/').pop() ?? ''}:${lineNumber + 1}:${columnNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  return [...total].sort((a, b) => b[1] - a[1]);
}

export function printTop(title: string, rows: readonly [string, number][], top = 15): void {
  const total = rows.reduce((sum, [, ms]) => sum + Math.max(0, ms), 0);
  console.log(`\n${title} (${total.toFixed(0)} ms):`);
  for (const [name, ms] of rows.slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
}
