import { conditionFields } from './conditions.ts';
import type { Fail } from './load-text.ts';
import type { Condition } from './types.ts';

/**
 * Rejects items whose visibility depends, directly or through others, on itself.
 * `conditionPath` says where each visibility condition was written, so the fault points at it.
 */
export function checkCycles(relevant: ReadonlyMap<string, Condition>, conditionPath: ReadonlyMap<string, string>, fail: Fail): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const walk = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      if (!cycle.some((c) => reported.has(c))) {
        cycle.forEach((c) => reported.add(c));
        fail(conditionPath.get(id) ?? '/', 'condition_cycle', { cycle: cycle.join(' -> ') });
      }
      return;
    }
    state.set(id, 'visiting');
    const condition = relevant.get(id);
    if (condition !== undefined) for (const next of conditionFields(condition)) walk(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of relevant.keys()) walk(id, []);
}
