import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import type { CaseRow } from '../../core/api/cases.ts';
import { call } from '../base/api/call.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useText } from './text.ts';

/** The cases `row` may merge into: the others of its project that the list shows with the same code. */
export function twinsOf(row: CaseRow, rows: readonly CaseRow[]): CaseRow[] {
  const code = row.code.trim().toLowerCase();
  return rows.filter((other) => other.id !== row.id && other.project === row.project && other.code.trim().toLowerCase() === code);
}

/**
 * On a case the list marks as a duplicate: merge it into one of its twins (the server moves everything
 * and removes this case), after the coordinator confirms what will happen.
 */
export function MergeControl({ row, twins, onMerged }: { readonly row: CaseRow; readonly twins: readonly CaseRow[]; readonly onMerged: (message: string) => void }) {
  const t = useText();
  const i18n = useI18n();
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const target = twins.find((twin) => twin.id === into) ?? twins[0];
  if (target === undefined) return null;
  const label = (c: CaseRow): string => `${c.code} (${c.court}, ${c.reportCount.toLocaleString(i18n.language)})`;

  const merge = async (): Promise<void> => {
    if (!window.confirm(t('mergeConfirm').replaceAll('{from}', label(row)).replaceAll('{into}', label(target)))) return;
    setBusy(true);
    setError(undefined);
    try {
      const done = await call(contract.mergeCases, { params: { id: row.id }, body: { into: target.id } });
      onMerged(t('merged').replace('{n}', done.reports.toLocaleString(i18n.language)));
    } catch (failure) {
      setError(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span class="merge-control" data-testid="merge-control">
      <label>
        {t('mergeInto')}{' '}
        <select value={target.id} onChange={(e) => setInto(e.currentTarget.value)}>
          {twins.map((twin) => (
            <option key={twin.id} value={twin.id}>
              {label(twin)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={busy} onClick={() => void merge()}>
        {t('mergeButton')}
      </button>
      {error !== undefined && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
