// `tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile (node --cpu-prof)
// spent its samples, as self time per function and per file, so a change can name its top costs.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? '25');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> or the project file: what a cost is attributed to. */
function where(url: string): string {
  if (url === '') return '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  return url.replace(/^file:\/\/.*?\/(dist|src)\//, '$1/');
}

const perFunction = new Map<string, number>();
const perFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (node === undefined) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + us);
  perFile.set(where(url), (perFile.get(where(url)) ?? 0) + us);
}

// Library and native time charged to the nearest project function above it: which of our calls cost it.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const isProject = (url: string): boolean => /\/(dist|src)\//.test(url) && !url.includes('node_modules');
const perProjectCaller = new Map<string, number>();
for (const [id, us] of selfUs) {
  let node = byId.get(id);
  while (node !== undefined && !isProject(node.callFrame.url)) node = byId.get(parent.get(node.id) ?? -1);
  const key = node === undefined ? '(outside project code: HTTP, startup, GC, idle)' : `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  perProjectCaller.set(key, (perProjectCaller.get(key) ?? 0) + us);
}

const print = (title: string, rows: Map<string, number>): void => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
};
print('self time per file or package', perFile);
print('self time per function', perFunction);
print('self time charged to the nearest project function', perProjectCaller);

// Inclusive time: each sample counted once for every project function on its stack (what a call costs
// with everything below it), the figure to name when a route or a query as a whole is the cost.
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let node = byId.get(id); node !== undefined; node = byId.get(parent.get(node.id) ?? -1)) {
    if (!isProject(node.callFrame.url)) continue;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
print('inclusive time per project function', inclusive);
