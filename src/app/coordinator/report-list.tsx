import { useEffect, useRef, useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { ReportRow } from '../../core/api/reports.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { localize } from '../../core/forms/types.ts';
import { statusKey } from './review-status.ts';
import { useText } from './text.ts';
import { ROW_HEIGHT, useVirtualRows } from './virtual-rows.ts';
import './coordinator.css';
import { SealingNotices } from './sealing/sealing-notice.tsx';
import { errorText } from '../base/i18n/error-text.ts';

type ReceivedReport = ReportRow;

const PAGE = 1_000;

/** Every report received from observers, newest first: loaded page by page with progress, shown through a window. */
export default function ReportList() {
  const i18n = useI18n();
  const { t: tm, language } = i18n;
  const t = useText();
  const [reports, setReports] = useState<readonly ReceivedReport[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const scroller = useRef<HTMLDivElement>(null);
  const { start, end, before, after } = useVirtualRows(scroller, reports.length);

  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      const all: ReceivedReport[] = [];
      for (let offset = 0; current; offset += PAGE) {
        const page = await call(contract.listReports, { query: { offset: String(offset), limit: String(PAGE) } });
        all.push(...page.reports);
        if (!current) return;
        setTotal(page.total);
        setReports([...all]);
        if (page.reports.length < PAGE || all.length >= page.total) return;
      }
    };
    load().catch((failure: unknown) => setError(errorText(i18n, failure)));
    return () => {
      current = false;
    };
  }, []);

  return (
    <main class="page wide">
      <h1>{tm('receivedReports')}</h1>
      <SealingNotices />
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {total !== undefined && reports.length < total && (
        <label class="progress">
          {t('loadingReports')} {reports.length.toLocaleString(language)} / {total.toLocaleString(language)}
          <progress max={total} value={reports.length} />
        </label>
      )}
      {total === 0 && <p class="empty">{tm('noReceived')}</p>}
      {reports.length > 0 && (
        <div class="virtual-scroller" ref={scroller}>
          <table class="table" data-testid="received-reports" aria-rowcount={reports.length + 1}>
            <thead>
              <tr>
                <th scope="col">{tm('caseCode')}</th>
                <th scope="col">{tm('hearingDate')}</th>
                <th scope="col">{tm('form')}</th>
                <th scope="col">{tm('observer')}</th>
                <th scope="col">{t('review')}</th>
                <th scope="col">{t('concerns')}</th>
                <th scope="col">{tm('received')}</th>
              </tr>
            </thead>
            <tbody>
              {before > 0 && <tr aria-hidden="true" style={{ height: `${before}px` }} />}
              {reports.slice(start, end).map((r, i) => (
                <tr key={r.id} aria-rowindex={start + i + 2} style={{ height: `${ROW_HEIGHT}px` }}>
                  <td>
                    <a href={`/coordinator/reports/${r.id}`}>{r.caseCode}</a>
                  </td>
                  <td>{r.hearingDate}</td>
                  <td title={`${r.formId}@${r.formVersion}`}>
                    {localize(r.formTitle, language) || r.formId}
                    {r.version > 1 ? ` (v${r.version})` : ''}
                  </td>
                  <td>{r.author}</td>
                  <td data-testid="review-state">{t(statusKey(r.reviewStatus))}</td>
                  <td data-testid="concern-count">{r.concernCount === null ? '–' : r.concernCount.toLocaleString(language)}</td>
                  <td>{new Date(r.receivedAt).toLocaleString(language)}</td>
                </tr>
              ))}
              {after > 0 && <tr aria-hidden="true" style={{ height: `${after}px` }} />}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
