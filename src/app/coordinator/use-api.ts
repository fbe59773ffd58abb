import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';

/** Loads one API resource for a screen: its data, its error in words, and a way to load it again. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the route's response shape, as with api<T>()
export function useApi<T>(path: string | undefined): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setError(undefined);
    api<T>(path).then(
      (body) => current && setData(body),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload };
}
