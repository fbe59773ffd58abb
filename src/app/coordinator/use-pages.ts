import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CallInput, ResponseOf, RouteContract } from '../../core/api/route.ts';
import { call, urlOf, type Values } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

type RowOf<P, K extends string> = P extends { readonly [Q in K]: readonly (infer Row)[] } ? Row : never;

/**
 * Loads every page of a cursor-paged route (its answer's `next` goes back as `cursor`), showing the rows
 * under `key` as they arrive, so a long list never stops silently at one page. `first` is the first page
 * whole (for what it carries besides the rows, such as filter choices); `done` tells when the last page
 * has arrived; `reload` loads them all again.
 */
export function usePages<const R extends RouteContract, const K extends string>(
  entry: R,
  input: CallInput<R>,
  key: K,
): { rows: readonly RowOf<ResponseOf<R>, K>[]; first: ResponseOf<R> | undefined; done: boolean; error: string | undefined; reload: () => void } {
  const i18n = useI18n();
  const [rows, setRows] = useState<readonly RowOf<ResponseOf<R>, K>[]>([]);
  const [first, setFirst] = useState<ResponseOf<R> | undefined>(undefined);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const latest = useRef(input);
  latest.current = input;
  const parts = input as { readonly params?: Values; readonly query?: Values };
  const address = urlOf(entry, parts.params, parts.query);
  useEffect(() => {
    let current = true;
    setError(undefined);
    setDone(false);
    const asked = latest.current as { readonly params?: Values; readonly query?: Values };
    const load = async (): Promise<void> => {
      let all: readonly RowOf<ResponseOf<R>, K>[] = [];
      let cursor: string | null = null;
      do {
        const pageInput = { ...asked, query: { ...asked.query, ...(cursor === null ? {} : { cursor }) } } as CallInput<R>;
        const page = (await call(entry, pageInput)) as ResponseOf<R> & { readonly next: string | null } & { readonly [Q in K]: readonly RowOf<ResponseOf<R>, K>[] };
        if (!current) return;
        if (cursor === null) setFirst(page);
        all = [...all, ...page[key]];
        setRows(all);
        cursor = page.next;
      } while (cursor !== null && current);
      if (current) setDone(true);
    };
    load().catch((failure: unknown) => {
      if (current) setError(errorText(i18n, failure));
    });
    return () => {
      current = false;
    };
    // The address stands for the input: a new object with the same address is the same request.
  }, [entry, address, key, round, i18n]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { rows, first, done, error, reload };
}
