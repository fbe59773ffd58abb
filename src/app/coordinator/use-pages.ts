import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';

/** A page of a cursor-paged list: its rows under `key`, and the cursor of the next page (null on the last). */
type Page<K extends string, Row> = { readonly [P in K]: readonly Row[] } & { readonly next: string | null };

/**
 * Loads every page of a cursor-paged list (`next` -> `cursor=`), showing the rows as they arrive, so a
 * long list never stops silently at one page. `first` is the first page whole (for what it carries
 * besides the rows, such as filter choices); `done` tells when the last page has arrived; `reload`
 * loads them all again.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the route's page shape, as with api<T>()
export function usePages<K extends string, Row, P extends Page<K, Row>>(path: string, key: K): { rows: readonly Row[]; first: P | undefined; done: boolean; error: string | undefined; reload: () => void } {
  const [rows, setRows] = useState<readonly Row[]>([]);
  const [first, setFirst] = useState<P | undefined>(undefined);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    setDone(false);
    const load = async (): Promise<void> => {
      let all: readonly Row[] = [];
      let cursor: string | null = null;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const page: P = await api<P>(cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`);
        if (!current) return;
        if (cursor === null) setFirst(page);
        all = [...all, ...page[key]];
        setRows(all);
        cursor = page.next;
      } while (cursor !== null && current);
      if (current) setDone(true);
    };
    load().catch((failure: unknown) => {
      if (current) setError(failure instanceof Error ? failure.message : String(failure));
    });
    return () => {
      current = false;
    };
  }, [path, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { rows, first, done, error, reload };
}
