import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Re-runs a Dexie query whenever the tables it read change (in this tab or another). undefined while loading.
 * Subscribed right after the render, not after the next paint as useEffect would: a screen whose queries
 * depend on each other (a report, then its form) waited one frame per step (bench:form).
 */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (error: unknown) => console.error(error) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
