import { useState } from 'preact/hooks';
import type { LocalReport } from '../db/records.ts';
import { reopenReport, ReportError } from '../db/reports.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { errorText } from '../base/i18n/error-text.ts';

/**
 * The way back into a finalised report: "edit and send again" when the server refused it (its words are
 * shown above), or "amend" when it was sent, which asks why: the server keeps the version it has and
 * stores the amendment as the next version with that reason.
 */
export function ReopenPanel({ report, onReopened }: { report: LocalReport; onReopened: (report: LocalReport) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { db } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  if (report.status !== 'final' || (report.sync !== 'sent' && report.sync !== 'refused')) return null;
  const needsReason = report.serverVersion > 0;

  const reopen = async (why: string): Promise<void> => {
    try {
      onReopened(await reopenReport(db, report.id, why));
    } catch (failure) {
      setError(failure instanceof ReportError && failure.code === 'reason_required' ? t('reasonRequired') : errorText(i18n, failure));
    }
  };

  if (report.sync === 'refused' && !needsReason) {
    return (
      <section class="card refusal">
        <p>{t('refusedHelp')}</p>
        <button type="button" class="primary" onClick={() => void reopen('')}>
          {t('editAgain')}
        </button>
      </section>
    );
  }

  return (
    <section class="card amend">
      {report.sync === 'refused' && <p>{t('refusedHelp')}</p>}
      {asking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() === '') setError(t('reasonRequired'));
            else void reopen(reason);
          }}
        >
          <label for="amend-reason">{t('amendReason')}</label>
          <textarea id="amend-reason" rows={3} maxLength={2_000} aria-required="true" value={reason} aria-describedby="amend-reason-help" onInput={(e) => setReason(e.currentTarget.value)} />
          <p class="help" id="amend-reason-help">
            {t('amendReasonHelp')}
          </p>
          {error !== undefined && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" onClick={() => setAsking(false)}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary">
              {t('startAmend')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {report.sync === 'refused' ? t('editAgain') : t('amend')}
        </button>
      )}
    </section>
  );
}
