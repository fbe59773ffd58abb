import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CallInput, ResponseOf, RouteContract } from '../../core/api/route.ts';
import { call, urlOf, type Values } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

/**
 * Loads one route's answer for a screen (`useApi(contract.listForms, {})`; undefined input: not yet):
 * its data, its failure in the reader's words, and a way to load it again. It loads again when the
 * address (path and query) changes.
 */
export function useApi<const R extends RouteContract>(entry: R, input: CallInput<R> | undefined): { data: ResponseOf<R> | undefined; error: string | undefined; reload: () => void } {
  const i18n = useI18n();
  const [data, setData] = useState<ResponseOf<R> | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const latest = useRef(input);
  latest.current = input;
  const parts = input as { readonly params?: Values; readonly query?: Values } | undefined;
  const address = parts === undefined ? undefined : urlOf(entry, parts.params, parts.query);
  useEffect(() => {
    const current = latest.current;
    if (address === undefined || current === undefined) return;
    let live = true;
    setError(undefined);
    call(entry, current).then(
      (body) => live && setData(body),
      (failure: unknown) => live && setError(errorText(i18n, failure)),
    );
    return () => {
      live = false;
    };
    // The address stands for the input: a new object with the same address is the same request.
  }, [entry, address, round, i18n]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload };
}
