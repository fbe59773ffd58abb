import type { Form } from '../../core/forms/types.ts';
import { localize } from '../../core/forms/types.ts';
import type { ReviewThread } from '../../core/sync/protocol.ts';
import type { LocalCase, LocalReport } from '../db/records.ts';
import { hearingDateOfReport } from '../db/reports.ts';
import { formatDateTime, formatDay } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { ReviewThreadView } from './review-thread.tsx';
import { SyncState } from './sync-state.tsx';

/**
 * A sent report whose contents this phone deleted under its project's setting (src/app/db/purge-sent.ts):
 * what was sent and when, where its review stands, and the coordinator's questions with a reply box.
 * The answers are on the server only; the phone does not fetch them back, and cannot amend the report
 * (an amendment would start from nothing): the observer answers in the thread instead.
 */
export function PurgedReport({ report, form, kase, review }: { report: LocalReport; form: Form; kase: LocalCase | undefined; review: ReviewThread | undefined }) {
  const { t, language } = useI18n();
  const hearingDate = hearingDateOfReport(report);
  return (
    <main class="page report" data-testid="purged-report">
      {kase !== undefined && <a href={`/cases/${kase.id}`}>← {kase.code}</a>}
      <h1>{localize(form.title, language)}</h1>
      <SyncState report={report} review={review} />
      <section class="card" role="status">
        <p>
          <time dateTime={hearingDate}>{formatDay(hearingDate, language)}</time>
          {report.serverVersion > 0 && <> · {t('versionN', { n: report.serverVersion })}</>}
        </p>
        <p data-testid="purged-note">
          {t('answersRemoved', { date: formatDateTime(report.purgedAt ?? report.updatedAt, language) })}
        </p>
      </section>
      <ReviewThreadView reportId={report.id} form={form} answers={report.answers} purged />
    </main>
  );
}
