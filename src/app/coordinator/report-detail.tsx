import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { loadForm } from '../../core/forms/load-form.ts';
import { localize, type Form } from '../../core/forms/types.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { ReportDetail as ReportDetailBody } from '../../core/api/reports.ts';
import { AnswersView } from '../form/answers-view.tsx';
import { useI18n } from '../base/i18n/messages.ts';
import { ReviewPanel } from './review-panel.tsx';
import { ReportAttachments } from './report-attachments.tsx';
import { useText } from './text.ts';
import { useSealingText } from './sealing/text.ts';
import { useOpenedReport } from './sealing/use-opened-report.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { issueText } from '../base/i18n/api-errors.ts';

/** One received report with all its answers, as the observer wrote them. */
export default function ReportDetail() {
  const i18n = useI18n();
  const { t: tm, language } = i18n;
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const [detail, setDetail] = useState<{ body: ReportDetailBody; form: Form } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    call(contract.getReport, { params: { id } }).then(
      (body) => {
        const loaded = loadForm(body.form);
        if (loaded.ok) setDetail({ body, form: loaded.form });
        else setError(loaded.errors.map((fault) => issueText(language, fault)).join('; '));
      },
      (failure: unknown) => setError(errorText(i18n, failure)),
    );
  }, [id]);
  if (error !== undefined) {
    return (
      <main class="page">
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (detail === undefined) return <main class="page">{tm('loading')}</main>;
  return <ReportPage body={detail.body} form={detail.form} />;
}

function ReportPage({ body, form }: { body: ReportDetailBody; form: Form }) {
  const { t: tm, language } = useI18n();
  const t = useText();
  const ts = useSealingText();
  const content = useOpenedReport(body.report, body.reason);
  return (
    <main class="page wide">
      <a href="/coordinator">← {tm('receivedReports')}</a>
      <h1>
        {body.caseCode} · {body.report.hearingDate}
      </h1>
      <p class="muted">
        {localize(form.title, language)} · {body.court} · {tm('observer')}: {body.author} · {tm('version')} {body.report.version}
      </p>
      {content.state === 'locked' && (
        <p class="notice" data-testid="report-sealed">
          {ts('reportSealed')} <a href="/coordinator/sealing">{ts('unlockTitle')}</a>
        </p>
      )}
      {content.state === 'opening' && <p class="muted">{ts('reportOpening')}</p>}
      {content.state === 'cannot-open' && (
        <p class="error" role="alert" data-testid="report-cannot-open">
          {ts('reportCannotOpen', { id: body.report.id })}
        </p>
      )}
      {(content.state === 'readable' || content.state === 'opened') && (
        <>
          {content.reason !== null && <p data-testid="amendment-reason">{tm('amendmentReason')} {content.reason}</p>}
          <ReviewPanel reportId={body.report.id} form={form} answers={content.answers} t={t} />
          <ReportAttachments reportId={body.report.id} projectId={body.report.projectId} t={t} />
          <AnswersView form={form} answers={content.answers} />
        </>
      )}
    </main>
  );
}
